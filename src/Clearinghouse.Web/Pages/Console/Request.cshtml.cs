using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Pages.Console;

/// <summary>
/// Everything about one request, for a representative with a caller on the line: where it stands, what it issued (read
/// back group by group), what it said, and its history.
/// </summary>
public sealed class RequestModel(RequestHistory history, ClearinghouseDbContext db) : PageModel
{
    /// <summary>The most audit entries listed; the administrators' trail has the rest.</summary>
    public const int MaxAuditEntries = 100;

    public RequestRecord Record { get; private set; } = null!;

    /// <summary>The issued ID read out, with the last check of a group; null when the request issued nothing.</summary>
    public ReadBackView? ReadBack { get; private set; }

    /// <summary>The audit trail's entries about this request's servers and key packs, newest first.</summary>
    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];

    /// <summary>The account name of the representative who took the call; null for a request made on the site or the API.</summary>
    public string? Representative { get; private set; }

    [BindProperty(Name = "Heard")]
    public ReadBackInput ReadBackInput { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        ReadBack = Issued() is var (format, value, label) ? new ReadBackView(format, value, label) : null;
        return Page();
    }

    /// <summary>Checks a group the caller reads back; the page again, with the result next to the ID.</summary>
    public async Task<IActionResult> OnPostReadBackAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (Issued() is not var (format, value, label))
        {
            return RedirectToPage(new { id });
        }

        ReadBack = ReadBackView.Checked(format, value, label, ReadBackInput);
        return Page();
    }

    /// <summary>The sections of what the request said, as the site's review page reads them back.</summary>
    public IReadOnlyList<SummarySection> Sections => FlowRegistry.Of(Record.Request.Kind, RequestChannel.Web).Summary(Record.Request);

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await history.GetAsync(id, HttpContext.RequestAborted) is not { } record)
        {
            return false;
        }

        Record = record;
        Representative = record.Request.RepresentativeId is { } representativeId
            ? await db.Users.Where(u => u.Id == representativeId).Select(u => u.UserName).SingleOrDefaultAsync(HttpContext.RequestAborted)
            : null;
        List<string> subjects =
        [
            .. record.Servers.Select(s => s.Id),
            .. new[] { record.Request.TargetLicenseServerId, record.Request.IssuedLicenseServerId, record.KeyPack?.Id, record.MigratedTo?.Id }.OfType<string>(),
            .. record.MigratedFrom.Select(k => k.Id),
        ];
        subjects = [.. subjects.Distinct(StringComparer.Ordinal)];
        Audit = subjects.Count == 0
            ? []
            : await db.AuditEntries.Where(e => e.Subject != null && subjects.Contains(e.Subject))
                .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
                .Take(MaxAuditEntries)
                .ToListAsync(HttpContext.RequestAborted);
        return true;
    }

    /// <summary>What the request issued, that a caller types in: its key pack ID, or the License Server ID it issued.</summary>
    private (IdFormat Format, string Value, string Label)? Issued() =>
        Record.KeyPack is { } keyPack ? (IdFormat.KeyPackId, keyPack.Id, Labels.KeyPackId)
        : Record.Request is { SubmittedAt: not null, IssuedLicenseServerId: { } serverId } ? (IdFormat.LicenseServerId, serverId, Labels.LicenseServerId)
        : null;
}
