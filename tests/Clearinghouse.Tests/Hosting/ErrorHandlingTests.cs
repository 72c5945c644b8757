using System.Net;
using System.Net.Http.Json;
using System.Text;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clearinghouse.Tests.Hosting;

/// <summary>
/// What browsers and API clients get when something fails, and what the log says. Run as Development, the
/// environment `dotnet run` starts in: a newcomer's portal must not show stack traces or source paths either.
/// </summary>
public sealed class ErrorHandlingTests : IDisposable
{
    private readonly HostingFactory _factory = new(environment: "Development", services: services =>
        services.AddSingleton<TimeProvider>(new FailingClock()));

    public static TheoryData<string, string?, HttpStatusCode, string> MalformedBodies => new()
    {
        { "{\"keyPackId\": 5", "application/json", HttpStatusCode.BadRequest, "invalid-request" },
        { "{\"keyPackId\": 12345}", "application/json", HttpStatusCode.BadRequest, "invalid-request" },
        { "[\"BCDFG\"]", "application/json", HttpStatusCode.BadRequest, "invalid-request" },
        { "not json", "application/json", HttpStatusCode.BadRequest, "invalid-request" },
        { "keyPackId=BCDFG", "text/plain", HttpStatusCode.UnsupportedMediaType, "unsupported-media-type" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Api_WithAMalformedBody_AnswersProblemDetailsAndLogsOneShortLineBelowWarning(
        string body, string? contentType, HttpStatusCode status, string code)
    {
        using var client = await WarmClientAsync();
        using var content = new StringContent(body, Encoding.UTF8, contentType!);

        using var response = await client.PostAsync(InstallPath(), content);

        await Problems.ReadAsync(response, status, code);
        AssertNoDetails(await response.Content.ReadAsStringAsync());
        Assert.Empty(_factory.Logs.Errors);
        var entry = Assert.Single(_factory.Logs.Entries, e => e.Level >= LogLevel.Information);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Null(entry.Exception);
        Assert.DoesNotContain('\n', entry.Message);
        Assert.True(entry.Message.Length < 500, entry.Message);
        Assert.Contains("/key-pack-installations", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_WhenSomethingUnexpectedFails_Answers500WithoutDetailsAndLogsTheError()
    {
        using var client = await WarmClientAsync();
        var issued = await IssueAsync(client);

        using var response = await client.PostAsJsonAsync(InstallPath(issued.ServerId), new { keyPackId = issued.KeyPackId });

        await Problems.ReadAsync(response, HttpStatusCode.InternalServerError, "internal-error");
        AssertNoDetails(await response.Content.ReadAsStringAsync());
        var error = Assert.Single(_factory.Logs.Errors);
        Assert.IsType<InvalidOperationException>(error.Exception);
    }

    [Fact]
    public async Task Page_WhenSomethingUnexpectedFails_ShowsTheErrorPageWithoutDetails()
    {
        using var client = _factory.CreatePageClient();
        var form = (await HtmlPage.GetAsync(client, "/manage-cals")).Form()
            .Fill("Target License Server ID", KeyPacks.NewLicenseServerId())
            .Fill("Reason for recovery", Pages.ManageCals.ManageCalsWizard.Replaced)
            .Fill("License Program", "Enterprise Agreement");

        var page = await HtmlPage.ReadAsync(client, await form.SubmitAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, page.Response.StatusCode);
        Assert.Equal("Sorry, something went wrong", page.Document.QuerySelector("h1")!.TextContent.Trim());
        AssertNoDetails(await page.Response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Page_WhenSomethingUnexpectedFails_AsJson_AnswersWithoutDetails()
    {
        // The developer exception page answers JSON clients with problem details carrying the stack trace.
        using var client = _factory.CreatePageClient();
        var form = (await HtmlPage.GetAsync(client, "/manage-cals")).Form()
            .Fill("Target License Server ID", KeyPacks.NewLicenseServerId())
            .Fill("Reason for recovery", Pages.ManageCals.ManageCalsWizard.Replaced)
            .Fill("License Program", "Enterprise Agreement");
        using var request = form.CreateRequest();
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertNoDetails(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DetailedErrors_WhenAskedFor_ShowTheException()
    {
        using var detailed = new HostingFactory(
            new Dictionary<string, string?> { ["Diagnostics:DetailedErrors"] = "true" },
            environment: "Development",
            services: services => services.AddSingleton<TimeProvider>(new FailingClock()));
        using var client = detailed.CreateClient();
        var issued = await IssueAsync(client, detailed);

        using var response = await client.PostAsJsonAsync(InstallPath(issued.ServerId), new { keyPackId = issued.KeyPackId });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(FailingClock.Message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> UnreadableForms => new()
    {
        { "a NUL in a value", "Input.TargetLicenseServerId=BCDFG%00HJKMP&Input.ReasonCode=replaced" },
        { "a value over the length limit", "Input.TargetLicenseServerId=" + new string('B', (4 * 1024 * 1024) + 1) },
        { "too many fields", string.Join('&', Enumerable.Range(0, 1100).Select(i => $"f{i}=x")) },
    };

    [Theory]
    [MemberData(nameof(UnreadableForms))]
    public async Task PagePost_WithAFormThatCannotBeRead_Is400AndSaysSo(string what, string body)
    {
        using var client = _factory.CreatePageClient();
        var start = await HtmlPage.GetAsync(client, "/manage-cals");
        var token = start.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        _factory.Logs.Clear();
        using var content = new StringContent($"__RequestVerificationToken={Uri.EscapeDataString(token!)}&{body}", Encoding.UTF8,
            "application/x-www-form-urlencoded");

        var page = await HtmlPage.ReadAsync(client, await client.PostAsync(new Uri("/manage-cals", UriKind.Relative), content));

        Assert.True(page.Response.StatusCode == HttpStatusCode.BadRequest,
            $"{what}: {(int)page.Response.StatusCode}; {string.Join(" | ", _factory.Logs.Entries.Select(e => e + " " + e.Exception))}");
        Assert.Equal("The request could not be read", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.DoesNotContain("try again in a moment", page.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(_factory.Logs.Errors);
        Assert.DoesNotContain(_factory.Logs.Entries, e => e.Exception is not null || e.Message.Contains('\n', StringComparison.Ordinal));
    }

    public void Dispose() => _factory.Dispose();

    private static void AssertNoDetails(string body)
    {
        Assert.DoesNotContain(FailingClock.Message, body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.DirectorySeparatorChar + "src" + Path.DirectorySeparatorChar, body, StringComparison.Ordinal);
    }

    private async Task<HttpClient> WarmClientAsync()
    {
        var client = _factory.CreateClient();
        using var _ = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        _factory.Logs.Clear();
        return client;
    }

    private Task<(string ServerId, string KeyPackId)> IssueAsync(HttpClient client) => IssueAsync(client, _factory);

    // Issued straight into the database: the portal's own issuer would need the clock, which fails here.
    private static async Task<(string ServerId, string KeyPackId)> IssueAsync(HttpClient client, HostingFactory factory)
    {
        _ = client;
        var serverId = KeyPacks.NewLicenseServerId();
        var keyPackId = KeyPacks.NewKeyPackId();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Clearinghouse.Web.Data.ClearinghouseDbContext>();
        db.LicenseServers.Add(new() { Id = serverId, IssuedHere = true, FirstSeenAt = DateTimeOffset.UtcNow });
        db.KeyPacks.Add(new()
        {
            Id = keyPackId, LicenseServerId = serverId, Channel = Clearinghouse.Web.Data.RequestChannel.Web,
            LicenseProgramCode = "select-license", ProductVersionCode = "windows-server-2022", CalTypeCode = "rds-per-user",
            Quantity = 5, IssuedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        factory.Logs.Clear();
        return (serverId, keyPackId);
    }

    private static Uri InstallPath(string? serverId = null) =>
        new($"/api/v1/license-servers/{serverId ?? KeyPacks.NewLicenseServerId()}/key-pack-installations", UriKind.Relative);

    /// <summary>A clock that fails: a fault of ours, as far as the portal can tell, with a message that must not leak.</summary>
    private sealed class FailingClock : TimeProvider
    {
        public const string Message = "Secret detail of a failure /srv/clearinghouse/config";

        public override DateTimeOffset GetUtcNow() => throw new InvalidOperationException(Message);
    }
}
