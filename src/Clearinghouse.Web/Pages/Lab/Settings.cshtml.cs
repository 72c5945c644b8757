using System.Globalization;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Lab;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Shared;
using Clearinghouse.Web.Resources;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Pages.Lab;

/// <summary>The fault-injection form as typed: numbers and UTC times as text, so that a typo gets a message.</summary>
public sealed record FaultsInput
{
    public string? Delay { get; set; }

    public string? ErrorRate { get; set; }

    public string? OutageFrom { get; set; }

    public string? OutageTo { get; set; }

    public static FaultsInput Of(FaultSettings faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        return new()
        {
            Delay = faults.DelayMilliseconds.ToString(CultureInfo.InvariantCulture),
            ErrorRate = faults.ErrorRate.ToString("0.###", CultureInfo.InvariantCulture),
            OutageFrom = faults.OutageFrom?.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture),
            OutageTo = faults.OutageTo?.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture),
        };
    }

    /// <summary>What <c>&lt;input type="datetime-local"&gt;</c> sends; taken as UTC.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm";
}

/// <summary>
/// The lab's run-time settings: licensing mode, ID seed, fault injection on the API. Each form saves one of them
/// (audited, through <see cref="LabAdministrator"/>) and redirects back saying what changed.
/// </summary>
public sealed class SettingsModel(
    LabAdministrator admin, LabState lab, ClearinghouseDbContext db, IValidator<FaultSettings> faultsValidator,
    IValidator<IdSeedInput> seedValidator) : PageModel
{
    [BindProperty]
    public string? Mode { get; set; }

    [BindProperty]
    public string? Seed { get; set; }

    [BindProperty]
    public FaultsInput Faults { get; set; } = new();

    public LabSnapshot Settings { get; private set; } = LabSnapshot.Nothing;

    public long IdsDrawn { get; private set; }

    public LicensingMode ConfiguredMode => lab.ConfiguredMode;

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? Done { get; private set; }

    public async Task OnGetAsync([FromQuery] string? done)
    {
        Done = done is "mode" or "seed" or "faults" ? done : null;
        await LoadAsync(fill: true);
    }

    public async Task<IActionResult> OnPostModeAsync()
    {
        LicensingMode? mode = Mode switch
        {
            "Lenient" => LicensingMode.Lenient,
            "Strict" => LicensingMode.Strict,
            _ => null,
        };
        if (mode is null && Mode != "Configured")
        {
            return await ShowAsync([new FieldError(nameof(Mode), Texts.Get("Lab.Settings.Mode.Required"))]);
        }

        await admin.SetModeAsync(mode, HttpContext.RequestAborted);
        return RedirectToPage(null, null, new { done = "mode" }, "mode");
    }

    public async Task<IActionResult> OnPostSeedAsync()
    {
        var input = new IdSeedInput(string.IsNullOrWhiteSpace(Seed) ? null : Seed.Trim());
        var result = await seedValidator.ValidateAsync(input, HttpContext.RequestAborted);
        if (!result.IsValid)
        {
            return await ShowAsync([.. result.Errors.Select(e => new FieldError(nameof(Seed), e.ErrorMessage))]);
        }

        await admin.SetIdSeedAsync(input.Seed, HttpContext.RequestAborted);
        return RedirectToPage(null, null, new { done = "seed" }, "seed");
    }

    public async Task<IActionResult> OnPostFaultsAsync()
    {
        var errors = new List<FieldError>();
        var delay = Number(Faults.Delay, "0", $"{nameof(Faults)}.{nameof(FaultsInput.Delay)}", errors);
        var rate = Number(Faults.ErrorRate, "0", $"{nameof(Faults)}.{nameof(FaultsInput.ErrorRate)}", errors);
        var from = Time(Faults.OutageFrom, $"{nameof(Faults)}.{nameof(FaultsInput.OutageFrom)}", errors);
        var to = Time(Faults.OutageTo, $"{nameof(Faults)}.{nameof(FaultsInput.OutageTo)}", errors);
        if (errors.Count == 0)
        {
            // Out of range stays out of range (one more than allowed), for the validator to say so.
            var faults = new FaultSettings((int)Math.Clamp(delay!.Value, -1, FaultSettingsValidator.MaxDelayMilliseconds + 1),
                (double)Math.Clamp(rate!.Value, -1, 2), from, to);
            var result = await faultsValidator.ValidateAsync(faults, HttpContext.RequestAborted);
            if (result.IsValid)
            {
                await admin.SetFaultsAsync(faults, HttpContext.RequestAborted);
                return RedirectToPage(null, null, new { done = "faults" }, "faults");
            }

            errors.AddRange(result.Errors.Select(e => new FieldError($"{nameof(Faults)}.{e.PropertyName switch
            {
                nameof(FaultSettings.DelayMilliseconds) => nameof(FaultsInput.Delay),
                nameof(FaultSettings.ErrorRate) => nameof(FaultsInput.ErrorRate),
                _ => e.PropertyName,
            }}", e.ErrorMessage)));
        }

        return await ShowAsync(errors);
    }

    private async Task<IActionResult> ShowAsync(IReadOnlyList<FieldError> errors)
    {
        Errors = errors;
        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field, error.Message);
        }

        await LoadAsync(fill: false);
        return Page();
    }

    private async Task LoadAsync(bool fill)
    {
        var row = await db.LabSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == LabSettings.SingletonId, HttpContext.RequestAborted);
        Settings = LabSnapshot.Of(row);
        IdsDrawn = row?.IdsDrawn ?? 0;
        if (fill)
        {
            Mode = Settings.Mode?.ToString() ?? "Configured";
            Seed = Settings.IdSeed;
            Faults = FaultsInput.Of(FaultSettings.Of(Settings));
        }
    }

    // Plain decimal numbers, "0.5" or "0,5" alike: a lab types what its keyboard has.
    private static decimal? Number(string? text, string empty, string field, List<FieldError> errors)
    {
        var value = string.IsNullOrWhiteSpace(text) ? empty : text.Trim().Replace(',', '.');
        if (decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        errors.Add(new FieldError(field, Texts.Get("Lab.Faults.NotANumber")));
        return null;
    }

    private static DateTimeOffset? Time(string? text, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string[] formats = [FaultsInput.TimeFormat, "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];
        if (DateTime.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
        }

        errors.Add(new FieldError(field, Texts.Get("Lab.Faults.Time.Malformed")));
        return null;
    }
}
