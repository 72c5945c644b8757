using System.Globalization;

namespace Clearinghouse.Web.Hosting;

/// <summary>
/// <c>dotnet Clearinghouse.Web.dll --probe http://127.0.0.1:8080/readyz</c>: asks a running portal's health endpoint,
/// prints one line and exits 0 when it answers 2xx, 1 when it answers anything else or nothing, 2 on wrong usage. It
/// does not start a portal. The container image's HEALTHCHECK uses it: the runtime image has no curl or wget, and this
/// needs nothing but the portal's own files (so it works in a shell-less image too).
/// </summary>
public static class HealthProbe
{
    public const string Switch = "--probe";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>What a probe prints of the answer's body (Docker keeps the health check's output for inspection).</summary>
    private const int BodyShown = 500;

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Switch;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args.Length != 2 || !Uri.TryCreate(args[1], UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            await output.WriteLineAsync($"usage: dotnet Clearinghouse.Web.dll {Switch} <http URL>, e.g. {Switch} http://127.0.0.1:8080/readyz");
            return 2;
        }

        using var client = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(url);
            var body = (await response.Content.ReadAsStringAsync()).ReplaceLineEndings(" ");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{url}: {(int)response.StatusCode} {(body.Length > BodyShown ? body[..BodyShown] + "…" : body)}"));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (HttpRequestException exception)
        {
            await output.WriteLineAsync($"{url}: no answer: {exception.Message}");
            return 1;
        }
        catch (TaskCanceledException)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{url}: no answer within {Timeout.TotalSeconds} s"));
            return 1;
        }
    }
}
