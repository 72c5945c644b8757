using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Clearinghouse.Tests.Infrastructure;

/// <summary>A license server activated through the API: its ID (grouped, as answered) and its credential.</summary>
public sealed record ApiServer(string Id, string Credential);

/// <summary>Calls of the license-server API v1, as a license server makes them.</summary>
public static class ApiClient
{
    public static object ActivationBody(string operatingSystem = "windows-server-2022", string? productId = null) => new
    {
        productId = productId ?? LicensingRequests.NewProductId(),
        operatingSystem,
        company = new { firstName = "Ada", lastName = "Okafor", companyName = "Contoso Lab", countryRegion = "US", email = "ada@contoso.example" },
    };

    public static object Agreement(string kind, int quantity, string? agreementNumber = null, string version = "windows-server-2022",
        string? reason = null) => new
    {
        kind,
        reason = reason ?? (kind == "migrate" ? "replaced" : null),
        licenseProgram = "enterprise-agreement",
        agreementNumber = agreementNumber ?? KeyPacks.NewAgreementNumber(),
        productVersion = version,
        calType = "rds-per-user",
        quantity,
    };

    public static async Task<ApiServer> ActivateAsync(this HttpClient client, string operatingSystem = "windows-server-2022")
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.PostAsJsonAsync("/api/v1/license-servers", ActivationBody(operatingSystem));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var json = JsonSerializer.Deserialize<JsonElement>(body);
        return new ApiServer(json.GetProperty("licenseServerId").GetString()!, json.GetProperty("credential").GetString()!);
    }

    public static Task<HttpResponseMessage> SendAsync(
        this HttpClient client, HttpMethod method, string path, string? credential, object? body = null, string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var request = new HttpRequestMessage(method, path);
        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> RequestCalsAsync(this HttpClient client, ApiServer server, object body, string? idempotencyKey = null) =>
        client.SendAsync(HttpMethod.Post, $"/api/v1/license-servers/{server.Id}/cal-requests", server.Credential, body, idempotencyKey);

    public static Task<HttpResponseMessage> KeyPacksAsync(this HttpClient client, ApiServer server, string? credential = null) =>
        client.SendAsync(HttpMethod.Get, $"/api/v1/license-servers/{server.Id}/key-packs", credential ?? server.Credential);
}
