using Clearinghouse.Web.Api;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Pages.ManageCals;

/// <summary>
/// Step 5: the license key pack ID, the notice to keep it, a receipt to keep it with, and what to do next. Everything
/// shown is what was issued — the key pack — with the request it answers, frozen since it was submitted.
/// </summary>
public sealed class ResultModel(ClearinghouseDbContext db) : PageModel
{
    public Guid RequestId { get; private set; }

    public KeyPack KeyPack { get; private set; } = null!;

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

    /// <summary>The country or region of the contact, and the number the lab shows for it.</summary>
    public (string Country, string Number)? SupportPhone { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id)
    {
        if (await LoadAsync(id) is { } elsewhere)
        {
            return elsewhere;
        }

        Sections = RequestSummary.OfIssued(KeyPack);
        var country = await db.CountriesRegions.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Code == KeyPack.Request!.CountryRegionCode, HttpContext.RequestAborted);
        SupportPhone = country is null ? null : (country.Name, country.PhoneNumber);
        return Page();
    }

    /// <summary>The receipt as a plain-text download: readable anywhere, printable, easy to attach to a ticket.</summary>
    public async Task<IActionResult> OnGetReceiptAsync([FromRoute] Guid id)
    {
        if (await LoadAsync(id) is { } elsewhere)
        {
            return elsewhere;
        }

        var text = Receipt.Text(KeyPack);
        var fileName = $"license-key-pack-{KeyPack.Id[..5]}.txt";
        return File(System.Text.Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", fileName);
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var keyPack = await db.KeyPacks.AsNoTracking().Include(k => k.Request)
            .SingleOrDefaultAsync(k => k.RequestId == id && k.Request!.Channel == RequestChannel.Web, HttpContext.RequestAborted);
        if (keyPack is null)
        {
            // Not submitted yet (or no such request): the wizard knows where it stands.
            return await db.CalRequests.AnyAsync(r => r.Id == id, HttpContext.RequestAborted)
                ? RedirectToPage("/ManageCals/Review", new { id })
                : NotFound();
        }

        RequestId = id;
        KeyPack = keyPack;
        return null;
    }
}
