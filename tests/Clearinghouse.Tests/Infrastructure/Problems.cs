using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Clearinghouse.Tests.Infrastructure;

/// <summary>Reads the RFC 9457 problem details the license-server API answers refusals with.</summary>
public static class Problems
{
    /// <summary>
    /// Checks that <paramref name="response"/> is problem details with <paramref name="status"/> (in the status line
    /// and the body), a title, a detail and the stable <paramref name="code"/>, and returns the body.
    /// </summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal((int)status, Member(problem, "status", body).GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(Member(problem, "title", body).GetString()), body);
        Assert.False(string.IsNullOrWhiteSpace(Member(problem, "detail", body).GetString()), body);
        Assert.Equal(code, Member(problem, "code", body).GetString());
        return problem;
    }

    private static JsonElement Member(JsonElement problem, string name, string body)
    {
        Assert.True(problem.TryGetProperty(name, out var value), $"The problem details have no '{name}': {body}");
        return value;
    }

    public static string Detail(this JsonElement problem) => problem.GetProperty("detail").GetString()!;

    public static Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        response.Content.ReadFromJsonAsync<JsonElement>();
}
