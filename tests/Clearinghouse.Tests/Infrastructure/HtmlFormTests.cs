using System.Net;

namespace Clearinghouse.Tests.Infrastructure;

/// <summary>
/// The page helpers themselves: form filling on a fixed page that holds every kind of field the helpers handle (text,
/// option buttons, list, text area, check box, disabled field, named buttons), whatever the portal's own pages use
/// today; the HTTP side (redirects, pages without a form) on the portal's pages.
/// </summary>
public sealed class HtmlFormTests(ClearinghouseFactory factory) : IClassFixture<ClearinghouseFactory>
{
    private const string RequestPage = """
        <!DOCTYPE html>
        <html><body>
        <form method="post" action="/manage-cals/request?step=1">
            <input type="hidden" name="__RequestVerificationToken" value="token-123" />
            <label for="server">Target License Server ID</label>
            <input id="server" name="Input.LicenseServerId" value="old" />
            <fieldset>
                <legend>Reason for recovery</legend>
                <input type="radio" id="replaced" name="Input.Reason" value="replaced" checked />
                <label for="replaced">The source license server is being replaced by this license server</label>
                <input type="radio" id="not-functioning" name="Input.Reason" value="not-functioning" />
                <label for="not-functioning">
                    The source license server is
                    no longer functioning
                </label>
            </fieldset>
            <label for="program">License Program</label>
            <select id="program" name="Input.Program">
                <option value="">Select…</option>
                <option value="open-license">Open License</option>
                <option value="enterprise-agreement">Enterprise Agreement</option>
            </select>
            <label>Notes <textarea name="Input.Notes"></textarea></label>
            <label><input type="checkbox" name="Input.Copy" value="true" /> Send me a copy</label>
            <input name="Input.Disabled" value="x" disabled />
            <button type="submit" name="action" value="back">Back</button>
            <button type="submit" name="action" value="next">Next</button>
        </form>
        </body></html>
        """;

    [Fact]
    public async Task Submit_SendsTheFieldsFilledByLabelAsABrowserWould()
    {
        using var client = factory.CreatePageClient();
        var form = HtmlPage.Parse(client, RequestPage, new Uri("http://localhost/manage-cals")).Form();

        form.Fill("Target License Server ID", "bcdfg-hjkmp")
            .Check("The source license server is no longer functioning")
            .Fill("License Program", "Enterprise Agreement")
            .Fill("Notes", "two & three")
            .Check("Send me a copy");
        using var request = form.CreateRequest("Next");

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri("http://localhost/manage-cals/request?step=1"), request.RequestUri);
        Assert.Equal("application/x-www-form-urlencoded", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal(
            "__RequestVerificationToken=token-123&Input.LicenseServerId=bcdfg-hjkmp&Input.Reason=not-functioning" +
            "&Input.Program=enterprise-agreement&Input.Notes=two+%26+three&Input.Copy=true&action=next",
            await request.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Submit_WithoutAButtonName_UsesTheFirstButtonAsEnterWould()
    {
        using var client = factory.CreatePageClient();
        var form = HtmlPage.Parse(client, RequestPage, new Uri("http://localhost/manage-cals")).Form();

        using var request = form.CreateRequest();

        var body = await request.Content!.ReadAsStringAsync();
        Assert.EndsWith("&Input.Reason=replaced&Input.Program=&Input.Notes=&action=back", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Fill_WithAnUnknownLabel_ListsTheLabelsThere()
    {
        using var client = factory.CreatePageClient();
        var form = HtmlPage.Parse(client, RequestPage, new Uri("http://localhost/manage-cals")).Form();

        var error = Assert.Throws<InvalidOperationException>(() => form.Fill("License Server ID", "x"));

        Assert.Contains("'License Server ID'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Target License Server ID', 'The source license server is being replaced", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_OnAPageWithoutOne_SaysSo()
    {
        using var client = factory.CreatePageClient();

        var page = await HtmlPage.GetAsync(client, "/");

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        var error = Assert.Throws<InvalidOperationException>(() => page.Form());
        Assert.Contains("has no form", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowRedirect_GetsTheAddressInTheLocationHeader()
    {
        using var client = factory.CreatePageClient();
        using var redirect = await client.GetAsync(new Uri("/swagger", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);

        var page = await HtmlPage.FollowRedirectAsync(client, redirect);

        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Equal("/swagger/index.html", page.Address.AbsolutePath);
    }

    [Fact]
    public async Task FollowRedirect_WhenTheResponseIsNoRedirect_SaysWhatCameInstead()
    {
        using var client = factory.CreatePageClient();
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => HtmlPage.FollowRedirectAsync(client, response));

        Assert.Contains("got 200", error.Message, StringComparison.Ordinal);
    }
}
