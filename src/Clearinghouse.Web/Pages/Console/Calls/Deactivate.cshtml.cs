using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using Clearinghouse.Web.Pages.Shared;
using Clearinghouse.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Pages.Console.Calls;

/// <summary>
/// A caller deactivates a license server by telephone: the representative takes its License Server ID as dictated (any
/// grouping), confirms, and reads out the confirmation code, which the caller types into the license server.
/// </summary>
/// <remarks>
/// The code is stored with the deactivation, so the post redirects to the server's own address
/// (/console/calls/deactivate/{server}), which reads the code out and re-checks a group the caller reads back; a caller
/// who lost the code is given the same one again.
/// </remarks>
public sealed class DeactivateModel(TelephoneDeactivation deactivation, ClearinghouseDbContext db) : PageModel
{
    [BindProperty]
    public string? LicenseServerId { get; set; }

    /// <summary>The representative confirmed that the caller wants this server deactivated.</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    /// <summary>The caller's country or region, chosen on the new-call page: the call's context.</summary>
    [BindProperty(SupportsGet = true, Name = "country")]
    public string? CountryRegionCode { get; set; }

    /// <summary>The caller's country or region and the number they rang, when the call started on the new-call page.</summary>
    public CountryRegion? Caller { get; private set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>The deactivated server shown at its own address; null on the form.</summary>
    public LicenseServer? Deactivated { get; private set; }

    /// <summary>The confirmation code read out, with the last check of a group.</summary>
    public ReadBackView? Code { get; private set; }

    [BindProperty(Name = "Heard")]
    public ReadBackInput ReadBackInput { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string? server)
    {
        await LoadCallerAsync();
        if (server is null)
        {
            return Page();
        }

        if (!await LoadDeactivatedAsync(server))
        {
            return NotFound();
        }

        Code = View();
        return Page();
    }

    /// <summary>From the new-call page: the form, with the caller's country or region as the call's context.</summary>
    public IActionResult OnPostStart([FromForm(Name = "CountryRegionCode")] string? country) =>
        RedirectToPage(new { server = (string?)null, country = Catalogue.FindCountryRegion(country?.Trim())?.Code });

    public async Task<IActionResult> OnPostAsync(string? server)
    {
        if (server is not null)
        {
            return RedirectToPage(new { server });
        }

        await LoadCallerAsync();
        var parsed = ReadBack.ParseDictation(IdFormat.LicenseServerId, LicenseServerId, Labels.LicenseServerId);
        if (parsed.Value is not { } serverId)
        {
            return Refuse(nameof(LicenseServerId), parsed.Error?.Message ?? Texts.Get("Console.Deactivate.NotFound"));
        }

        if (!Confirmed)
        {
            return Refuse(nameof(Confirmed), Texts.Get("Console.Deactivate.NotConfirmed"));
        }

        var result = await deactivation.DeactivateAsync(serverId, HttpContext.RequestAborted);
        switch (result.Deactivation.Outcome)
        {
            case DeactivationOutcome.Deactivated:
            case DeactivationOutcome.AlreadyDeactivated when result.ConfirmationCode is not null:
                // Deactivated by telephone now or before: the code is the same either way, read out at the server's address.
                return RedirectToPage(new { server = IdFormat.LicenseServerId.Format(serverId), country = Caller?.Code });
            case DeactivationOutcome.AlreadyDeactivated:
                return Refuse(nameof(LicenseServerId), Texts.Get("Console.Deactivate.AlreadyDeactivated",
                    SummaryRows.Time(result.Deactivation.Server!.DeactivatedAt!.Value)));
            case DeactivationOutcome.NotFound:
                // An ID whose groups do not check out is most likely misheard: say which group.
                return Refuse(nameof(LicenseServerId), parsed.Error?.Message is { } typo
                    ? Texts.Get("Console.Deactivate.NotFoundTypo", typo)
                    : Texts.Get("Console.Deactivate.NotFound"));
            case DeactivationOutcome.Reactivated:
                return Refuse(nameof(LicenseServerId), Texts.Get("Console.Deactivate.Reactivated",
                    IdFormat.LicenseServerId.Format(result.Deactivation.Server!.ReplacedById!)));
            default:
                throw new InvalidOperationException($"Unexpected outcome {result.Deactivation.Outcome}.");
        }
    }

    /// <summary>Checks a group of the server's confirmation code, as the caller reads it back.</summary>
    public async Task<IActionResult> OnPostReadBackAsync(string? server)
    {
        await LoadCallerAsync();
        if (server is null || !await LoadDeactivatedAsync(server))
        {
            return NotFound();
        }

        Code = View(ReadBackInput);
        return Page();
    }

    private async Task<bool> LoadDeactivatedAsync(string server)
    {
        var id = IdFormat.LicenseServerId.Parse(server).Value;
        Deactivated = id is null
            ? null
            : await db.LicenseServers.AsNoTracking().SingleOrDefaultAsync(
                s => s.Id == id && s.DeactivationConfirmationCode != null, HttpContext.RequestAborted);
        return Deactivated is not null;
    }

    private async Task LoadCallerAsync()
    {
        var code = Catalogue.FindCountryRegion(CountryRegionCode?.Trim())?.Code;
        Caller = code is null
            ? null
            : await db.CountriesRegions.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code, HttpContext.RequestAborted);
    }

    private ReadBackView View(ReadBackInput? input = null)
    {
        var code = Deactivated!.DeactivationConfirmationCode!;
        var label = Texts.Get("Console.Deactivate.Code");
        // The call's context stays through the checks.
        Dictionary<string, string>? hidden = Caller is null ? null : new(StringComparer.Ordinal) { ["country"] = Caller.Code };
        return input is null
            ? new ReadBackView(IdFormat.ConfirmationCode, code, label, Hidden: hidden)
            : ReadBackView.Checked(IdFormat.ConfirmationCode, code, label, input, hidden: hidden);
    }

    private PageResult Refuse(string field, string message)
    {
        Errors = [new FieldError(field, message)];
        ModelState.AddModelError(field, message);
        return Page();
    }
}
