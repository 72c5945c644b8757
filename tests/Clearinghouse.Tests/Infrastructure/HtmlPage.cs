using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Clearinghouse.Tests.Infrastructure;

/// <summary>
/// A page as a browser would get it: the response and its parsed HTML. Use a client that does not follow redirects
/// (<see cref="ClearinghouseFactory.CreatePageClient"/>) so each Post/Redirect/Get step can be checked.
/// </summary>
public sealed class HtmlPage
{
    private HtmlPage(HttpClient client, HttpResponseMessage response, Uri address, IHtmlDocument document)
    {
        Client = client;
        Response = response;
        Address = address;
        Document = document;
    }

    public HttpClient Client { get; }

    public HttpResponseMessage Response { get; }

    /// <summary>Where the page was loaded from; relative form actions and links resolve against it.</summary>
    public Uri Address { get; }

    public IHtmlDocument Document { get; }

    public static async Task<HtmlPage> GetAsync(HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await ReadAsync(client, await client.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute)));
    }

    /// <summary>Parses a response already received, e.g. the page a form submission answered with.</summary>
    public static async Task<HtmlPage> ReadAsync(HttpClient client, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(response);
        var address = response.RequestMessage?.RequestUri
            ?? throw new InvalidOperationException("The response does not say which address it answered.");
        var html = await response.Content.ReadAsStringAsync();
        var document = await new HtmlParser().ParseDocumentAsync(html);
        return new HtmlPage(client, response, address, document);
    }

    /// <summary>Parses HTML as if it had been served from <paramref name="address"/> (for testing the helpers).</summary>
    public static HtmlPage Parse(HttpClient client, string html, Uri address)
    {
        var document = new HtmlParser().ParseDocument(html);
        return new HtmlPage(client, new HttpResponseMessage(HttpStatusCode.OK), address, document);
    }

    /// <summary>
    /// The page's form: the only one, or the one <paramref name="selector"/> (a CSS selector) picks out. The console's
    /// sign-out form in the page's header is not counted unless picked out (<c>Form("#sign-out")</c>).
    /// </summary>
    public HtmlForm Form(string? selector = null)
    {
        var forms = (selector is null ? Document.QuerySelectorAll("form:not(#sign-out)") : Document.QuerySelectorAll(selector))
            .OfType<IHtmlFormElement>().ToList();
        return forms.Count switch
        {
            1 => new HtmlForm(this, forms[0]),
            0 => throw new InvalidOperationException(
                $"{Address} has no form{(selector is null ? "" : $" matching '{selector}'")} (status {(int)Response.StatusCode})."),
            _ => throw new InvalidOperationException(
                $"{Address} has {forms.Count} forms{(selector is null ? "" : $" matching '{selector}'")}; pick one with a " +
                $"selector. They are: {string.Join("; ", forms.Select(Describe))}."),
        };
    }

    /// <summary>
    /// GETs the address a redirect points to (resolved against the request's address) and returns the page there.
    /// </summary>
    public static async Task<HtmlPage> FollowRedirectAsync(HttpClient client, HttpResponseMessage redirect)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(redirect);
        var status = (int)redirect.StatusCode;
        if (status is < 300 or > 399 || redirect.Headers.Location is not { } location)
        {
            throw new InvalidOperationException(
                $"Expected a redirect with a Location header, got {status} {redirect.ReasonPhrase} from " +
                $"{redirect.RequestMessage?.RequestUri}.");
        }

        var target = location.IsAbsoluteUri ? location : new Uri(redirect.RequestMessage!.RequestUri!, location);
        return await ReadAsync(client, await client.GetAsync(target));
    }

    private static string Describe(IHtmlFormElement form) =>
        $"<form{(form.Id is { Length: > 0 } id ? $" id=\"{id}\"" : "")} action=\"{form.GetAttribute("action")}\" " +
        $"method=\"{form.GetAttribute("method")}\">";
}
