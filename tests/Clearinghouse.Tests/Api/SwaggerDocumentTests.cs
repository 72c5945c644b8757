using System.Net;
using System.Text.Json;
using Clearinghouse.Tests.Infrastructure;

namespace Clearinghouse.Tests.Api;

/// <summary>
/// The Swagger document a license server's developer reads: every answer of every operation (the refusals as problem
/// details with their <c>code</c>), the Bearer credential where it is needed, and an example of each body. The document
/// does not depend on the database, so it is read on SQLite only.
/// </summary>
public sealed class SwaggerDocumentTests(ClearinghouseFactory factory) : IClassFixture<ClearinghouseFactory>
{
    private const string Servers = "/api/v1/license-servers";
    private const string Server = Servers + "/{licenseServerId}";

    // Every operation can also answer 429, 500 and 503; a body can be too large (413) or not JSON (415).
    private static readonly string[] Always = ["429", "500", "503"];
    private static readonly string[] Body = ["400", "413", "415"];
    private static readonly string[] Credential = ["400", "401", "403"];
    private static readonly string[] Idempotent = ["400", "409", "422"];

    public static TheoryData<string, string, string[], string> Operations => new()
    {
        { "post", Servers, ["201", .. Body, .. Idempotent], "none" },
        { "post", Server + "/reactivations", ["201", "410", .. Body, .. Credential, .. Idempotent], "required" },
        { "delete", Server, ["200", "410", .. Credential, .. Idempotent], "required" },
        { "post", Server + "/cal-requests", ["201", "409", "410", .. Body, .. Credential, .. Idempotent], "required" },
        { "get", Server + "/key-packs", ["200", "410", .. Credential], "required" },
        { "get", Server + "/key-packs/{keyPackId}", ["200", "404", "410", .. Credential], "required" },
        { "post", Server + "/key-pack-installations", ["200", "404", "409", "410", .. Body, .. Credential, .. Idempotent], "optional" },
        { "get", "/api/v1/catalog", ["200", "304"], "none" },
        { "get", "/api/v1/lab/settings", ["200", "401"], "lab" },
        { "put", "/api/v1/lab/mode", ["200", "401", .. Body], "lab" },
        { "put", "/api/v1/lab/id-seed", ["200", "401", .. Body], "lab" },
        { "put", "/api/v1/lab/faults", ["200", "401", .. Body], "lab" },
        { "post", "/api/v1/lab/reset", ["200", "401", .. Body], "lab" },
        { "get", "/api/v1/lab/countries", ["200", "401"], "lab" },
        { "put", "/api/v1/lab/countries/{code}/phone-number", ["200", "401", "404", .. Body], "lab" },
        { "get", "/api/v1/lab/key-packs", ["200", "400", "401"], "lab" },
        { "get", "/api/v1/lab/key-packs.csv", ["200", "400", "401"], "lab" },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Swagger_DocumentsEveryAnswerOfTheOperation(string method, string path, string[] statuses, string credential)
    {
        var operation = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method);

        var responses = operation.GetProperty("responses");
        var documented = responses.EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(statuses.Concat(Always).Distinct().Order(StringComparer.Ordinal), documented);
        foreach (var response in responses.EnumerateObject())
        {
            Assert.False(string.IsNullOrWhiteSpace(response.Value.GetProperty("description").GetString()), $"{response.Name} has no description");
            if (int.Parse(response.Name, System.Globalization.CultureInfo.InvariantCulture) >= 400)
            {
                var content = Assert.Single(response.Value.GetProperty("content").EnumerateObject());
                Assert.Equal("application/problem+json", content.Name);
                Assert.Equal("#/components/schemas/ProblemDetails", content.Value.GetProperty("schema").GetProperty("$ref").GetString());
            }
        }

        if (operation.TryGetProperty("requestBody", out var body))
        {
            Assert.Equal(JsonValueKind.Object, body.GetProperty("content").GetProperty("application/json").GetProperty("example").ValueKind);
        }

        var security = operation.TryGetProperty("security", out var requirements)
            ? requirements.EnumerateArray().Select(r => string.Join(",", r.EnumerateObject().Select(s => s.Name))).ToList()
            : [];
        switch (credential)
        {
            case "required":
                Assert.Equal(["Bearer"], security);
                break;
            case "lab":
                Assert.Equal(["LabApiKey"], security);
                break;
            case "optional":
                Assert.Equal(["", "Bearer"], security);
                Assert.Contains("optional", operation.GetProperty("description").GetString()!, StringComparison.Ordinal);
                break;
            default:
                Assert.Empty(security);
                break;
        }
    }

    [Fact]
    public async Task Swagger_DeclaresTheBearerScheme()
    {
        var scheme = (await DocumentAsync()).GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");

        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Swagger_TheProblemSchemaShowsTheCodeAndTheGroup()
    {
        var problem = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails");

        var properties = problem.GetProperty("properties");
        Assert.Equal("string", properties.GetProperty("code").GetProperty("type").GetString());
        Assert.Equal("integer", properties.GetProperty("group").GetProperty("type").GetString());
        Assert.True(properties.TryGetProperty("errors", out _));
        Assert.Contains("code", problem.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Swagger_DescribesTheWholeApi()
    {
        var description = (await DocumentAsync()).GetProperty("info").GetProperty("description").GetString()!;

        foreach (var part in new[] { "/license-servers", "cal-requests", "key-packs", "key-pack-installations", "Reactivate",
                     "DELETE", "/catalog", "Bearer", "Idempotency-Key", "429", "`code`" })
        {
            Assert.Contains(part, description, StringComparison.Ordinal);
        }
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }
}
