using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Clearinghouse.BrowserTests;

/// <summary>One rule axe-core found broken on a page, with the elements that break it.</summary>
public sealed record AxeViolation(string Id, string? Impact, string Help, string HelpUrl, IReadOnlyList<AxeNode> Nodes);

/// <param name="Target">CSS selector(s) of the element.</param>
public sealed record AxeNode(IReadOnlyList<JsonElement> Target, string? FailureSummary);

/// <summary>
/// Runs axe-core (the npm package named in package.json beside this project) in a page, against the WCAG 2.0, 2.1
/// and 2.2 A and AA rules.
/// </summary>
public static class Axe
{
    private const string ProjectFile = "Clearinghouse.BrowserTests.csproj";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Lazy<string> Source = new(LoadSource);

    private const string AxeAddress = "/axe-core-for-tests/axe.min.js";

    private static readonly Func<string, bool> IsAxeAddress = url => new Uri(url).AbsolutePath == AxeAddress;

    /// <summary>The axe-core script, or an explanation of how to install it.</summary>
    public static string ScriptOrFail => Source.Value;

    public static async Task<IReadOnlyList<AxeViolation>> RunAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);

        // Loaded from the page's own origin (answered here, never reaching the portal): the site's Content-Security-Policy
        // runs only its own script files, and would refuse axe-core added as an inline script.
        await page.RouteAsync(IsAxeAddress, route => route.FulfillAsync(new()
        {
            Status = 200, ContentType = "text/javascript; charset=utf-8", Body = Source.Value,
        }));
        await page.AddScriptTagAsync(new() { Url = AxeAddress });
        await page.UnrouteAsync(IsAxeAddress);
        var json = await page.EvaluateAsync<string>(
            """
            async () => {
                const result = await axe.run(document, {
                    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
                });
                return JSON.stringify(result.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                    nodes: v.nodes.map(n => ({ target: n.target, failureSummary: n.failureSummary })),
                })));
            }
            """);
        return JsonSerializer.Deserialize<List<AxeViolation>>(json, Json)!;
    }

    /// <summary>
    /// Runs axe-core on a page shown without script, where it cannot run itself: the page as the browser has it is
    /// served again at its own address to a page that runs script (so its stylesheet and links resolve as before), with
    /// the site's own scripts held back so that it stays the page a person without script sees.
    /// </summary>
    public static async Task<IReadOnlyList<AxeViolation>> RunOnCopyAsync(IBrowser browser, IPage page)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(page);
        var html = await page.ContentAsync();
        var address = page.Url;
        await using var context = await browser.NewContextAsync(new() { BaseURL = address });
        var copy = await context.NewPageAsync();
        await copy.RouteAsync(url => url == address,
            route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8", Body = html }));
        await copy.RouteAsync(url => url.EndsWith(".js", StringComparison.Ordinal) || url.Contains(".js?", StringComparison.Ordinal),
            route => route.AbortAsync());
        await copy.GotoAsync(address);
        await copy.WaitForLoadStateAsync(LoadState.Load);
        return await RunAsync(copy);
    }

    /// <summary>Violations as a person fixing them wants to read them: page, rule, help, elements.</summary>
    public static string Describe(IEnumerable<(string Page, IReadOnlyList<AxeViolation> Violations)> pages)
    {
        var text = new StringBuilder();
        foreach (var (pageName, violations) in pages.Where(p => p.Violations.Count > 0))
        {
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{pageName}:");
            foreach (var v in violations)
            {
                text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {v.Id} ({v.Impact}): {v.Help} <{v.HelpUrl}>");
                foreach (var node in v.Nodes)
                {
                    text.AppendLine(System.Globalization.CultureInfo.InvariantCulture,
                        $"    {string.Join(" ", node.Target.Select(t => t.ToString()))}");
                    if (node.FailureSummary is { } summary)
                    {
                        text.AppendLine("      " + summary.ReplaceLineEndings("\n      "));
                    }
                }
            }
        }

        return text.ToString();
    }

    private static string LoadSource()
    {
        var project = FindProjectDirectory();
        var script = Path.Combine(project, "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(script))
        {
            Assert.Fail(
                $"axe-core is not installed ({script} is missing). Run `npm ci` in tests/Clearinghouse.BrowserTests " +
                "(package.json and package-lock.json there pin its version), then run the tests again.");
        }

        return File.ReadAllText(script);
    }

    /// <summary>This project's source folder, found by walking up from the test assembly's folder.</summary>
    private static string FindProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) && File.Exists(Path.Combine(dir.FullName, ProjectFile)))
            {
                return dir.FullName;
            }
        }

        Assert.Fail($"Could not find the folder holding {ProjectFile} and package.json above {AppContext.BaseDirectory}.");
        return null!;
    }
}
