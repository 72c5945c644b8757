using System.Net;
using Clearinghouse.Tests.Infrastructure;

namespace Clearinghouse.Tests.Hosting;

/// <summary>An address nothing serves is 404, whatever the method: a page for people, problem details for the API.</summary>
public sealed class NotFoundTests(ClearinghouseFactory factory) : IClassFixture<ClearinghouseFactory>
{
    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task UnknownPage_IsNotFoundWithThePageSayingSo(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/no-such-page")
        {
            Content = method == "GET" ? null : new FormUrlEncodedContent([new("a", "b")]),
        };

        var response = await factory.CreatePageClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await HtmlPage.ReadAsync(factory.CreatePageClient(), response);
        Assert.Equal("Page not found", page.Document.QuerySelector("h1")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task UnknownApiOperation_IsNotFoundProblem(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/api/v1/no-such-operation");

        var response = await factory.CreateClient().SendAsync(request);

        await Problems.ReadAsync(response, HttpStatusCode.NotFound, "not-found");
    }
}
