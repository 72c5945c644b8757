using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Pages.ManageCals;

namespace Clearinghouse.Tests.Pages.InstallCals;

/// <summary>
/// Walks the Install client access licenses pages over HTTP with real forms. Its contact and program steps are the
/// shared ones, filled as in Manage CALs.
/// </summary>
public sealed class InstallCalsWizard(HttpClient client)
{
    private readonly ManageCalsWizard _shared = new(client);

    public HttpClient Client => client;

    public Task<HtmlPage> OpenAsync(string url = "/install-cals") => HtmlPage.GetAsync(Client, url);

    public Task<HtmlPage> AcceptAsync(HtmlForm form) => _shared.AcceptAsync(form);

    public Task<HtmlPage> RefuseAsync(HtmlForm form) => _shared.RefuseAsync(form);

    public Task<HtmlPage> RequestAsync(HtmlPage page, string serverId, string program = "Enterprise Agreement") =>
        AcceptAsync(page.Form()
            .Fill("License Server ID", serverId)
            .Fill("License Program", program));

    public Task<HtmlPage> ContactAsync(HtmlPage page) => _shared.ContactAsync(page);

    /// <summary>The program step for an Enterprise Agreement: a new agreement number unless one is given.</summary>
    public Task<HtmlPage> AgreementAsync(HtmlPage page, string quantity = "25", string? agreement = null) =>
        _shared.AgreementAsync(page, quantity: quantity, agreement: agreement);

    public Task<HtmlForm> FillLicenseCodesAsync(HtmlPage page, params string[] codes) => _shared.FillLicenseCodesAsync(page, codes);

    /// <summary>Steps 1 to 3 for an Enterprise Agreement (a new one unless given); returns the review page.</summary>
    public async Task<HtmlPage> UpToReviewAsync(string serverId, string? agreement = null) =>
        await AgreementAsync(await ContactAsync(await RequestAsync(await OpenAsync(), serverId)), agreement: agreement);

    /// <summary>The whole walk; returns the result page.</summary>
    public async Task<HtmlPage> IssueAsync(string serverId, string? agreement = null) =>
        await AcceptAsync((await UpToReviewAsync(serverId, agreement)).Form());
}
