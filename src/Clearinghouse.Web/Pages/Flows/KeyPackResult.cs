using Clearinghouse.Web.Api;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Resources;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Pages.Flows;

/// <summary>
/// The result of a flow that issues a key pack (Manage CALs, Install client access licenses): the license key pack
/// ID, the notice to keep it, a receipt to keep it with, and what to do next. Everything shown is what was issued —
/// the key pack — with the request it answers, frozen since it was submitted. A flow's Result.cshtml names this model
/// and includes _KeyPackResult.
/// </summary>
public sealed class KeyPackResultModel(ClearinghouseDbContext db) : PageModel
{
    private Flow? _flow;

    private CountryRegion? _country;

    /// <summary>The flow whose result this page is, by its declaration.</summary>
    public Flow Flow => _flow ??= FlowRegistry.ResultAt(PageContext.ActionDescriptor.ViewEnginePath, Request.Path)
        ?? throw new InvalidOperationException(
            $"The page {PageContext.ActionDescriptor.ViewEnginePath} shows a key pack, but no flow declares it as its result.");

    public Guid RequestId { get; private set; }

    public KeyPack KeyPack { get; private set; } = null!;

    /// <summary>The submitted request the key pack answers.</summary>
    public CalRequest Submitted { get; private set; } = null!;

    public IReadOnlyList<SummarySection> Sections { get; private set; } = [];

    public string FormattedKeyPackId => IdFormat.KeyPackId.Format(KeyPack.Id);

    public string FormattedServerId => IdFormat.LicenseServerId.Format(KeyPack.LicenseServerId);

    /// <summary>
    /// How to play the license server's part in this emulator: submit the ID through the license-server API, at the
    /// address this page was reached on.
    /// </summary>
    public string InstallCommand => string.Join(" \\\n     ",
        $"curl -s -X POST {UriHelper.BuildAbsolute(Request.Scheme, Request.Host, Request.PathBase,
            $"{LicenseServerApi.Prefix}/license-servers/{FormattedServerId}/key-pack-installations")}",
        "-H 'Content-Type: application/json'",
        $$"""-d '{"keyPackId": "{{FormattedKeyPackId}}"}'""");

    /// <summary>The country or region of the contact (in the reader's language), and the number the lab shows for it.</summary>
    public (string Country, string Number)? SupportPhone { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id)
    {
        if (await LoadAsync(id) is { } elsewhere)
        {
            return elsewhere;
        }

        ViewData["Title"] = Texts.Get("KeyPackResult.PageTitle", Flow.Title);
        SupportPhone = _country is null ? null : (CatalogueNames.Of(_country), _country.PhoneNumber);
        return Page();
    }

    /// <summary>
    /// The receipt as a plain-text download, in the reader's language: readable anywhere, printable, easy to attach to a
    /// ticket. Its file name is the same in every language.
    /// </summary>
    public async Task<IActionResult> OnGetReceiptAsync([FromRoute] Guid id)
    {
        if (await LoadAsync(id) is { } elsewhere)
        {
            return elsewhere;
        }

        var text = Receipt.Text(KeyPack, Sections);
        var fileName = $"license-key-pack-{KeyPack.Id[..5]}.txt";
        return File(System.Text.Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", fileName);
    }

    /// <summary>
    /// Reads the request with its key pack, and its contact's country or region with the number the lab shows for it,
    /// in one query; or returns where to go instead.
    /// </summary>
    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var flow = Flow;
        var read = await HotQueries.ResultOfFlowAsync(db, id, flow.Kind, flow.Channel, HttpContext.RequestAborted);
        if (read is null)
        {
            return NotFound();
        }

        // Untracked reads fix up no navigations: the record (Flow.Record) reads the key pack through its request.
        var request = read.Request;
        request.KeyPack = read.KeyPack;
        _country = read.Country;
        if (request.KeyPack is not { } keyPack)
        {
            // Not submitted yet: the wizard knows where it stands.
            return Redirect(Url.Content("~" + flow.PathOf(flow.Review, id)));
        }

        RequestId = id;
        KeyPack = keyPack;
        Submitted = request;
        Sections = flow.Record(request);
        return null;
    }
}
