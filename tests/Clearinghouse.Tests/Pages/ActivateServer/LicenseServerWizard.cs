using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Pages.ManageCals;
using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Tests.Pages.ActivateServer;

/// <summary>
/// Walks the Activate and Reactivate a license server pages over HTTP with real forms. Their company information step
/// is the shared contact step, filled as in Manage CALs.
/// </summary>
public sealed class LicenseServerWizard(HttpClient client)
{
    public const string Redeployed = "The license server has been redeployed";

    public const string Copied = "I copied this ID from the license server; use it as entered";

    private readonly ManageCalsWizard _shared = new(client);

    public HttpClient Client => client;

    public Task<HtmlPage> OpenAsync(string url) => HtmlPage.GetAsync(Client, url);

    public Task<HtmlPage> AcceptAsync(HtmlForm form) => _shared.AcceptAsync(form);

    public Task<HtmlPage> RefuseAsync(HtmlForm form) => _shared.RefuseAsync(form);

    public Task<HtmlPage> ContactAsync(HtmlPage page) => _shared.ContactAsync(page);

    /// <summary>Step 1 of Activate a license server.</summary>
    public static HtmlForm ActivationForm(HtmlPage page, string productId, string operatingSystem = "Windows Server 2019") =>
        page.Form().Fill("Product ID", productId).Fill("Operating system", operatingSystem);

    /// <summary>Step 1 of Reactivate a license server.</summary>
    public static HtmlForm ReactivationForm(HtmlPage page, string serverId, string reason = Redeployed) =>
        page.Form().Fill("License Server ID", serverId).Fill("Reason for reactivation", reason);

    /// <summary>Steps 1 and 2 of an activation; returns the review page.</summary>
    public async Task<HtmlPage> ActivationReviewAsync(string? productId = null, string operatingSystem = "Windows Server 2019") =>
        await ContactAsync(await AcceptAsync(ActivationForm(await OpenAsync("/activate-server"),
            productId ?? LicensingRequests.NewProductId(), operatingSystem)));

    /// <summary>Steps 1 and 2 of a reactivation; returns the review page.</summary>
    public async Task<HtmlPage> ReactivationReviewAsync(string serverId, string reason = Redeployed) =>
        await ContactAsync(await AcceptAsync(ReactivationForm(await OpenAsync("/reactivate-server"), IdFormat.LicenseServerId.Format(serverId), reason)));

    /// <summary>The whole activation; returns the result page.</summary>
    public async Task<HtmlPage> ActivateAsync(string? productId = null, string operatingSystem = "Windows Server 2019") =>
        await AcceptAsync((await ActivationReviewAsync(productId, operatingSystem)).Form());

    /// <summary>The whole reactivation; returns the result page.</summary>
    public async Task<HtmlPage> ReactivateAsync(string serverId, string reason = Redeployed) =>
        await AcceptAsync((await ReactivationReviewAsync(serverId, reason)).Form());

    /// <summary>The License Server ID a result page shows, in canonical form.</summary>
    public static string ServerIdOn(HtmlPage result) =>
        IdFormat.LicenseServerId.Parse(result.Document.GetElementById("license-server-id")?.TextContent.Trim()
            ?? throw new InvalidOperationException($"{result.Address} shows no License Server ID.")).Value!;
}
