using System.Globalization;
using Clearinghouse.Web.Auditing;
using Clearinghouse.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Pages.Console.Admin;

/// <summary>
/// The audit trail, newest first, filtered by action, actor, subject and a range of days (UTC), a page at a time.
/// Read only: there is nothing here, or anywhere, that changes an entry.
/// </summary>
public sealed class AuditModel(ClearinghouseDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Subject { get; set; }

    /// <summary>yyyy-MM-dd, as a date field sends it; anything else is ignored.</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(Name = "page", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public bool HasNextPage { get; private set; }

    public async Task OnGetAsync()
    {
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        var query = db.AuditEntries;
        if (AuditActions.All.Contains(Action))
        {
            query = query.Where(e => e.Action == Action);
        }
        else
        {
            Action = null;
        }

        // Case-insensitive on every provider (PostgreSQL compares case-sensitively): both sides in upper case. ToUpper
        // is translated to SQL's UPPER, so no culture applies.
#pragma warning disable CA1304, CA1311
        if (Term(Actor) is { } actor)
        {
            query = query.Where(e => e.Actor.ToUpper().Contains(actor));
        }

        if (Term(Subject) is { } subject)
        {
            // An ID is stored without its hyphens: "BCDFG-HJKMP" finds it too.
            var compact = subject.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
            query = query.Where(e => e.Subject != null && (e.Subject.ToUpper().Contains(subject) || e.Subject.ToUpper().Contains(compact)));
        }
#pragma warning restore CA1304, CA1311

        if (Day(From) is { } from)
        {
            query = query.Where(e => e.At >= from);
        }
        else
        {
            From = null;
        }

        if (Day(To) is { } to)
        {
            var end = to.AddDays(1);
            query = query.Where(e => e.At < end);
        }
        else
        {
            To = null;
        }

        var entries = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .ToListAsync(HttpContext.RequestAborted);
        HasNextPage = entries.Count > PageSize;
        Entries = [.. entries.Take(PageSize)];
    }

    /// <summary>The query string of this filter on another page.</summary>
    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["action"] = Action, ["actor"] = Actor, ["subject"] = Subject, ["from"] = From, ["to"] = To,
        ["page"] = page.ToString(CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToString();

    private static string? Term(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(text.Trim().Length, FieldLengths.AuditSubject)].ToUpperInvariant();

    private static DateTimeOffset? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null;
}
