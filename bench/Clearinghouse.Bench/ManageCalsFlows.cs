using System.Net;
using System.Text.RegularExpressions;

namespace Clearinghouse.Bench;

/// <summary>
/// The whole Manage CALs flow as a browser without script walks it: every step's page is fetched, its form read (the
/// antiforgery token and every other hidden field), filled in and posted, and the redirect followed, up to the result
/// page with the key pack ID. Each flow is a new visitor with its own cookies; the connections are shared, as a
/// browser's are kept alive.
/// </summary>
internal static partial class ManageCalsFlows
{
    private static readonly (string Step, (string Name, string Value)[] Fields)[] Steps =
    [
        ("request", [("Input.TargetLicenseServerId", ""), ("Input.ReasonCode", "replaced"), ("Input.LicenseProgramCode", "select-license")]),
        ("contact", [("Input.LastName", "Bench"), ("Input.FirstName", "Mark"), ("Input.CompanyName", "Lab"), ("Input.CountryRegionCode", "US")]),
        ("program", [("Input.AgreementNumber", "1234567"), ("Input.ProductVersionCode", "windows-server-2022"),
            ("Input.CalTypeCode", "rds-per-user"), ("Input.Quantity", "10")]),
        ("review", []),
    ];

    private static int s_reported;

    public static async Task<Measurement> RunAsync(Uri address, TimeSpan duration, int clients, string serverId)
    {
        using var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = clients,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        using var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        return await Measurement.RunAsync(duration, clients, async _ =>
        {
            try
            {
                await WalkAsync(http, serverId);
                return true;
            }
            catch (Exception exception) when (exception is FlowException or HttpRequestException or TaskCanceledException)
            {
                if (Interlocked.Increment(ref s_reported) <= 3)
                {
                    await Console.Error.WriteLineAsync($"bench: flow failed: {exception.Message}");
                }

                return false;
            }
        });
    }

    private static async Task WalkAsync(HttpClient http, string serverId)
    {
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        var page = "/manage-cals";
        foreach (var (step, fields) in Steps)
        {
            var html = await SendAsync(http, cookies, new HttpRequestMessage(HttpMethod.Get, page), HttpStatusCode.OK, step);
            var form = Form().Matches(html).FirstOrDefault(f => f.Groups["attributes"].Value.Contains("method=\"post\"", StringComparison.OrdinalIgnoreCase));
            if (form is null)
            {
                throw new FlowException($"{step}: no form on {page}");
            }

            var values = new List<KeyValuePair<string, string>>();
            foreach (Match input in HiddenInput().Matches(form.Groups["body"].Value))
            {
                var attributes = Attribute().Matches(input.Value).ToDictionary(a => a.Groups[1].Value, a => WebUtility.HtmlDecode(a.Groups[2].Value), StringComparer.Ordinal);
                if (attributes.TryGetValue("name", out var name))
                {
                    values.Add(new(name, attributes.GetValueOrDefault("value", "")));
                }
            }

            values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value.Length == 0 ? serverId : f.Value)));
            var action = Attribute().Matches(form.Groups["attributes"].Value).FirstOrDefault(a => a.Groups[1].Value == "action") is { } a
                ? WebUtility.HtmlDecode(a.Groups[2].Value)
                : "";
            var post = new HttpRequestMessage(HttpMethod.Post, action.Length == 0 ? page : action) { Content = new FormUrlEncodedContent(values) };
            page = await RedirectAsync(http, cookies, post, step);
        }

        var result = await SendAsync(http, cookies, new HttpRequestMessage(HttpMethod.Get, page), HttpStatusCode.OK, "result");
        if (!result.Contains("id=\"key-pack-id\"", StringComparison.Ordinal))
        {
            throw new FlowException($"result: no key pack ID on {page}");
        }
    }

    private static async Task<string> RedirectAsync(HttpClient http, Dictionary<string, string> cookies, HttpRequestMessage request, string step)
    {
        using var response = await SendRawAsync(http, cookies, request);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is not { } location)
        {
            var body = await response.Content.ReadAsStringAsync();
            var error = ErrorText().Match(body);
            throw new FlowException($"{step}: POST answered {(int)response.StatusCode}, not a redirect{(error.Success ? ": " + error.Groups[1].Value.Trim() : "")}");
        }

        return location.OriginalString;
    }

    private static async Task<string> SendAsync(
        HttpClient http, Dictionary<string, string> cookies, HttpRequestMessage request, HttpStatusCode expected, string step)
    {
        using var response = await SendRawAsync(http, cookies, request);
        if (response.StatusCode != expected)
        {
            throw new FlowException($"{step}: GET {request.RequestUri} answered {(int)response.StatusCode}");
        }

        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<HttpResponseMessage> SendRawAsync(HttpClient http, Dictionary<string, string> cookies, HttpRequestMessage request)
    {
        using (request)
        {
            if (cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await http.SendAsync(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    var pair = setCookie.Split(';', 2)[0].Split('=', 2);
                    if (pair.Length == 2)
                    {
                        cookies[pair[0].Trim()] = pair[1].Trim();
                    }
                }
            }

            return response;
        }
    }

    [GeneratedRegex("<form(?<attributes>[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Form();

    [GeneratedRegex("""<input[^>]*type="hidden"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();

    [GeneratedRegex("([\\w.:-]+)=\"([^\"]*)\"")]
    private static partial Regex Attribute();

    [GeneratedRegex("""class="[^"]*error-summary[^"]*"[^>]*>(.{0,300})""", RegexOptions.Singleline)]
    private static partial Regex ErrorText();

    private sealed class FlowException(string message) : Exception(message);
}
