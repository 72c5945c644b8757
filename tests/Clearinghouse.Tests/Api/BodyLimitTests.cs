using System.Net;
using System.Net.Http.Headers;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Tests.Api;

/// <summary>Bodies over the limit are refused before they are read, whether they give a length or are chunked.</summary>
public sealed class BodyLimitTests(ClearinghouseFactory factory) : IClassFixture<ClearinghouseFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static string Padded(int size) => "{\"productId\": \"" + new string('x', size) + "\"}";

    [Fact]
    public async Task Post_WithABodyOverTheLimit_IsRefused()
    {
        using var content = new StringContent(Padded(65 * 1024), System.Text.Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync("/api/v1/license-servers", content);

        await Problems.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.RequestTooLarge);
    }

    [Fact]
    public async Task Post_WithAChunkedBodyOverTheLimit_IsRefused()
    {
        using var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Padded(65 * 1024))));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/license-servers") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _client.SendAsync(request);

        await Problems.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.RequestTooLarge);
    }

    [Fact]
    public async Task Post_JustUnderTheLimit_IsRead()
    {
        using var content = new StringContent(Padded(60 * 1024), System.Text.Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync("/api/v1/license-servers", content);

        await Problems.ReadAsync(response, HttpStatusCode.BadRequest, ErrorCodes.MalformedProductId);
    }
}
