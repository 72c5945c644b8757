using System.Net;
using Clearinghouse.Tests.Infrastructure;

namespace Clearinghouse.Tests.Pages.ManageCals;

/// <summary>Walks the Manage CALs pages over HTTP with real forms, the way a person fills them in.</summary>
public sealed class ManageCalsWizard(HttpClient client)
{
    public const string Replaced = "The source license server is being replaced by this license server";

    public HttpClient Client { get; } = client;

    public Task<HtmlPage> OpenAsync(string url = "/manage-cals") => HtmlPage.GetAsync(Client, url);

    /// <summary>Submits a form that should be accepted: expects a redirect (PRG) and returns the page it leads to.</summary>
    public async Task<HtmlPage> AcceptAsync(HtmlForm form)
    {
        var response = await form.SubmitAsync();
        if (response.StatusCode != HttpStatusCode.Found)
        {
            var page = await HtmlPage.ReadAsync(Client, response);
            var errors = string.Join(" | ", page.Document.QuerySelectorAll(".error-summary li").Select(li => li.TextContent.Trim()));
            Assert.Fail($"Expected the form to be accepted (302), got {(int)response.StatusCode}. Errors: {errors}");
        }

        return await HtmlPage.FollowRedirectAsync(Client, response);
    }

    /// <summary>Submits a form that should be refused: the same page comes back (200) with its errors.</summary>
    public async Task<HtmlPage> RefuseAsync(HtmlForm form)
    {
        var response = await form.SubmitAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlPage.ReadAsync(Client, response);
    }

    public Task<HtmlPage> RequestAsync(HtmlPage page, string serverId, string program = "Enterprise Agreement") =>
        AcceptAsync(page.Form()
            .Fill("Target License Server ID", serverId)
            .Fill("Reason for recovery", Replaced)
            .Fill("License Program", program));

    public Task<HtmlPage> ContactAsync(HtmlPage page) =>
        AcceptAsync(page.Form()
            .Fill("Last name or surname", "Okafor")
            .Fill("First name or given name", "Ada")
            .Fill("Company name", "Contoso Lab")
            .Fill("Country/region", "New Zealand")
            .Fill("E-mail", "ada.okafor@contoso.example"));

    /// <summary>
    /// The program step for an agreement: a new agreement number unless one is given, so that one test's migration does
    /// not move another's CALs (Manage CALs moves the agreement's key packs from other servers).
    /// </summary>
    public Task<HtmlPage> AgreementAsync(
        HtmlPage page, string label = "Enrollment number", string quantity = "25", string? agreement = null) =>
        AcceptAsync(page.Form()
            .Fill(label, agreement ?? KeyPacks.NewAgreementNumber())
            .Fill("Product version", "Windows Server 2022")
            .Fill("CAL type", "RDS Per User CAL")
            .Fill("Quantity", quantity));

    /// <summary>
    /// Types each code into a field of its own on the program step of a License Pack, pressing "Add another code" (as
    /// without script: the page comes back with one more field) for each code beyond the fields shown. Returns the
    /// form with the codes typed in, for the rest to be filled.
    /// </summary>
    public async Task<HtmlForm> FillLicenseCodesAsync(HtmlPage page, params string[] codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var form = (await AddLicenseCodeFieldsAsync(page, codes.Length)).Form();
        for (var i = 0; i < codes.Length; i++)
        {
            form.Fill($"License code {i + 1}", codes[i]);
        }

        return form;
    }

    /// <summary>Presses "Add another code" until the page shows <paramref name="fields"/> license code fields.</summary>
    public async Task<HtmlPage> AddLicenseCodeFieldsAsync(HtmlPage page, int fields)
    {
        ArgumentNullException.ThrowIfNull(page);
        while (LicenseCodeFields(page) is var shown && shown < fields)
        {
            var response = await page.Form().SubmitAsync("Add another code");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            page = await HtmlPage.ReadAsync(Client, response);
            Assert.Equal(shown + 1, LicenseCodeFields(page));
        }

        return page;
    }

    /// <summary>How many license code fields the page shows.</summary>
    public static int LicenseCodeFields(HtmlPage page) =>
        page.Document.QuerySelectorAll("input[name^='Input.LicenseCodes[']").Length;

    /// <summary>Steps 1 to 3 for an Enterprise Agreement (a new one unless given); returns the review page.</summary>
    public async Task<HtmlPage> UpToReviewAsync(string serverId, string? agreement = null)
    {
        var contact = await RequestAsync(await OpenAsync(), serverId);
        var program = await ContactAsync(contact);
        return await AgreementAsync(program, agreement: agreement);
    }

    /// <summary>The whole walk; returns the result page.</summary>
    public async Task<HtmlPage> IssueAsync(string serverId, string? agreement = null) =>
        await AcceptAsync((await UpToReviewAsync(serverId, agreement)).Form());

    public static string KeyPackIdOn(HtmlPage result) =>
        result.Document.GetElementById("key-pack-id")?.TextContent.Trim()
        ?? throw new InvalidOperationException($"{result.Address} shows no license key pack ID.");

    /// <summary>The request's id, from a wizard address such as /manage-cals/{id}/contact.</summary>
    public static Guid RequestIdOf(HtmlPage page) => Guid.Parse(page.Address.AbsolutePath.Split('/')[2]);

    public static string Step(HtmlPage page) => page.Address.AbsolutePath.Split('/')[^1];

    public static IReadOnlyList<string> ErrorSummary(HtmlPage page) =>
        [.. page.Document.QuerySelectorAll(".error-summary li").Select(li => li.TextContent.Trim())];
}
