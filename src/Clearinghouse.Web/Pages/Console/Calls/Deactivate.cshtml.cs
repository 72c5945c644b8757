using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using Clearinghouse.Web.Pages.Shared;
using Clearinghouse.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Pages.Console.Calls;

/// <summary>
/// A caller deactivates a license server by telephone: the representative takes its License Server ID as dictated (any
/// grouping), confirms, and reads out the confirmation code, which the caller types into the license server.
/// </summary>
/// <remarks>
/// The code is stored nowhere (see <see cref="TelephoneDeactivation"/>), so the page that shows it is the answer to the
/// post itself, not a redirect; refreshing it would deactivate again and is refused as "already deactivated". The
/// read-back form carries the code back in a hidden field to check a group against it.
/// </remarks>
public sealed class DeactivateModel(TelephoneDeactivation deactivation) : PageModel
{
    [BindProperty]
    public string? LicenseServerId { get; set; }

    /// <summary>The representative confirmed that the caller wants this server deactivated.</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>The server deactivated by this post, canonical.</summary>
    public string? DeactivatedServerId { get; private set; }

    /// <summary>The confirmation code read out, with the last check of a group.</summary>
    public ReadBackView? Code { get; private set; }

    [BindProperty(Name = "Heard")]
    public ReadBackInput ReadBackInput { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
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
                DeactivatedServerId = serverId;
                LicenseServerId = IdFormat.LicenseServerId.Format(serverId);
                Code = View(result.ConfirmationCode!);
                return Page();
            case DeactivationOutcome.NotFound:
                // An ID whose groups do not check out is most likely misheard: say which group.
                return Refuse(nameof(LicenseServerId), parsed.Error?.Message is { } typo
                    ? Texts.Get("Console.Deactivate.NotFoundTypo", typo)
                    : Texts.Get("Console.Deactivate.NotFound"));
            case DeactivationOutcome.AlreadyDeactivated:
                return Refuse(nameof(LicenseServerId), Texts.Get("Console.Deactivate.AlreadyDeactivated",
                    SummaryRows.Time(result.Deactivation.Server!.DeactivatedAt!.Value)));
            case DeactivationOutcome.Reactivated:
                return Refuse(nameof(LicenseServerId), Texts.Get("Console.Deactivate.Reactivated",
                    IdFormat.LicenseServerId.Format(result.Deactivation.Server!.ReplacedById!)));
            default:
                throw new InvalidOperationException($"Unexpected outcome {result.Deactivation.Outcome}.");
        }
    }

    /// <summary>Checks a group of the code just issued, as the caller reads it back.</summary>
    public IActionResult OnPostReadBack([FromForm] string? code, [FromForm] string? server)
    {
        var parsed = TelephoneDeactivation.Verify(code);
        if (!parsed.IsValid || parsed.Value is null)
        {
            return RedirectToPage();
        }

        DeactivatedServerId = IdFormat.LicenseServerId.Parse(server).Value;
        Code = View(parsed.Value, ReadBackInput);
        return Page();
    }

    private ReadBackView View(string code, ReadBackInput? input = null)
    {
        Dictionary<string, string> hidden = new(StringComparer.Ordinal) { ["code"] = code };
        if (DeactivatedServerId is { } server)
        {
            hidden["server"] = server;
        }

        var label = Texts.Get("Console.Deactivate.Code");
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
