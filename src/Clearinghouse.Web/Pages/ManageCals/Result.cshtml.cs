using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Pages.ManageCals;

/// <summary>Step 5: the license key pack ID, the notice to keep it, and a receipt to keep it with.</summary>
public sealed class ResultModel(ClearinghouseDbContext db) : PageModel
{
    public Guid RequestId { get; private set; }

    public KeyPack KeyPack { get; private set; } = null!;

    public string FormattedKeyPackId => IdFormat.KeyPackId.Format(KeyPack.Id);

    public string FormattedServerId => IdFormat.LicenseServerId.Format(KeyPack.LicenseServerId);

    public (string Country, string Number)? SupportPhone { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id)
    {
        if (await LoadAsync(id) is { } elsewhere)
        {
            return elsewhere;
        }

        var country = await db.CountriesRegions.AsNoTracking()
            .SingleOrDefaultAsync(c => c.Code == KeyPack.Request!.CountryRegionCode);
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

        var text = Receipt.Text(KeyPack, RequestSummary.Of(KeyPack.Request!));
        var fileName = $"license-key-pack-{KeyPack.Id[..5]}.txt";
        return File(System.Text.Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", fileName);
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var keyPack = await db.KeyPacks.AsNoTracking().Include(k => k.Request)
            .SingleOrDefaultAsync(k => k.RequestId == id && k.Request!.Channel == RequestChannel.Web);
        if (keyPack is null)
        {
            // Not submitted yet (or no such request): the wizard knows where it stands.
            return await db.CalRequests.AnyAsync(r => r.Id == id)
                ? RedirectToPage("/ManageCals/Review", new { id })
                : NotFound();
        }

        RequestId = id;
        KeyPack = keyPack;
        return null;
    }
}
