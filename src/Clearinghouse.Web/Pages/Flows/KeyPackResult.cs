using Clearinghouse.Web.Api;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Resources;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

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
        var country = await db.CountriesRegions.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Code == Submitted.CountryRegionCode, HttpContext.RequestAborted);
        SupportPhone = country is null ? null : (CatalogueNames.Of(country), country.PhoneNumber);
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

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var flow = Flow;
        var request = await db.CalRequests.AsNoTracking().Include(r => r.KeyPack)
            .SingleOrDefaultAsync(r => r.Id == id && r.Kind == flow.Kind && r.Channel == flow.Channel, HttpContext.RequestAborted);
        if (request is null)
        {
            return NotFound();
        }

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
