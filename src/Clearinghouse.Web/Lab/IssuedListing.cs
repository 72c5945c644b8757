using System.Globalization;
using System.Text;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Resources;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Lab;

/// <summary>Where a key pack stands.</summary>
public enum KeyPackStatus
{
    /// <summary>Issued, not installed yet.</summary>
    Issued,

    /// <summary>Installed on its license server.</summary>
    Installed,

    /// <summary>Its CALs were migrated to another key pack.</summary>
    Migrated,
}

/// <summary>
/// Which key packs to list: each filter is optional, all given must match. <see cref="From"/> and <see cref="To"/> are
/// days (UTC) of issue, both included. As typed on the page or in the query string, checked by <see cref="Parse"/>.
/// </summary>
public sealed record IssuedFilter
{
    public string? Server { get; init; }

    public string? Program { get; init; }

    public string? Version { get; init; }

    public string? Channel { get; init; }

    public string? Status { get; init; }

    public string? From { get; init; }

    public string? To { get; init; }

    /// <summary>The filter's values checked, or the fields that are not (name, message) — never an exception.</summary>
    public (ParsedFilter? Filter, IReadOnlyList<(string Field, string Message)> Errors) Parse()
    {
        var errors = new List<(string, string)>();
        string? server = null;
        if (!string.IsNullOrWhiteSpace(Server))
        {
            server = IdFormat.Compact(Server);
            if (server.Length != IdFormat.LicenseServerId.Length)
            {
                errors.Add((nameof(Server), Texts.Get("Lab.Issued.Server.Malformed")));
            }
        }

        if (!string.IsNullOrEmpty(Program) && Catalogue.FindProgram(Program) is null)
        {
            errors.Add((nameof(Program), Texts.Get("Lab.Issued.Program.Unknown")));
        }

        if (!string.IsNullOrEmpty(Version) && Catalogue.FindProductVersion(Version) is null)
        {
            errors.Add((nameof(Version), Texts.Get("Lab.Issued.Version.Unknown")));
        }

        RequestChannel? channel = null;
        if (!string.IsNullOrEmpty(Channel))
        {
            if (Enum.TryParse<RequestChannel>(Channel, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsAsciiDigit(Channel[0]))
            {
                channel = parsed;
            }
            else
            {
                errors.Add((nameof(Channel), Texts.Get("Lab.Issued.Channel.Unknown")));
            }
        }

        KeyPackStatus? status = null;
        if (!string.IsNullOrEmpty(Status))
        {
            if (Enum.TryParse<KeyPackStatus>(Status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsAsciiDigit(Status[0]))
            {
                status = parsed;
            }
            else
            {
                errors.Add((nameof(Status), Texts.Get("Lab.Issued.Status.Unknown")));
            }
        }

        var from = Day(From, nameof(From), errors);
        var to = Day(To, nameof(To), errors);
        if (from is not null && to is not null && to < from)
        {
            errors.Add((nameof(To), Texts.Get("Lab.Issued.To.BeforeFrom")));
        }

        return errors.Count > 0
            ? (null, errors)
            : (new ParsedFilter(server, NullIfEmpty(Program), NullIfEmpty(Version), channel, status, from, to), errors);
    }

    /// <summary>The filters given, as query-string values (for page links and the CSV link).</summary>
    public IDictionary<string, string?> ToRouteValues() => new Dictionary<string, string?>
    {
        [nameof(Server)] = NullIfEmpty(Server),
        [nameof(Program)] = NullIfEmpty(Program),
        [nameof(Version)] = NullIfEmpty(Version),
        [nameof(Channel)] = NullIfEmpty(Channel),
        [nameof(Status)] = NullIfEmpty(Status),
        [nameof(From)] = NullIfEmpty(From),
        [nameof(To)] = NullIfEmpty(To),
    };

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DateOnly? Day(string? text, string field, List<(string, string)> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add((field, Texts.Get("Lab.Issued.Date.Malformed")));
        return null;
    }
}

public sealed record ParsedFilter(
    string? Server, string? Program, string? Version, RequestChannel? Channel, KeyPackStatus? Status, DateOnly? From, DateOnly? To);

/// <summary>A key pack as the list shows it, with its installation.</summary>
public sealed record IssuedRow(
    string KeyPackId, string LicenseServerId, string LicenseProgramCode, string ProductVersionCode, string CalTypeCode,
    int Quantity, RequestChannel Channel, KeyPackPurpose Purpose, string? PurchaseReference, DateTimeOffset IssuedAt,
    DateTimeOffset? InstalledAt, string? MigratedToKeyPackId, DateTimeOffset? MigratedAt)
{
    public KeyPackStatus Status => MigratedToKeyPackId is not null ? KeyPackStatus.Migrated
        : InstalledAt is not null ? KeyPackStatus.Installed : KeyPackStatus.Issued;
}

public sealed record IssuedPage(IReadOnlyList<IssuedRow> Rows, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The key packs the clearinghouse issued, newest first, filtered and paged, and as CSV.</summary>
public sealed class IssuedListing(ClearinghouseDbContext db)
{
    public const int PageSize = 50;

    /// <summary>The most rows one CSV export holds; narrow the filters for more.</summary>
    public const int MaxExportRows = 100_000;

    public async Task<IssuedPage> PageAsync(ParsedFilter filter, int page, CancellationToken cancellationToken = default)
    {
        var query = Query(filter);
        var total = await query.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var rows = await Rows(Ordered(query).Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(cancellationToken);
        return new IssuedPage(rows, total, page, PageSize);
    }

    public async Task<IReadOnlyList<IssuedRow>> AllAsync(ParsedFilter filter, CancellationToken cancellationToken = default) =>
        await Rows(Ordered(Query(filter)).Take(MaxExportRows)).ToListAsync(cancellationToken);

    private IQueryable<KeyPack> Query(ParsedFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var keyPacks = db.KeyPacks.AsNoTracking();
        if (filter.Server is { } server)
        {
            keyPacks = keyPacks.Where(k => k.LicenseServerId == server);
        }

        if (filter.Program is { } program)
        {
            keyPacks = keyPacks.Where(k => k.LicenseProgramCode == program);
        }

        if (filter.Version is { } version)
        {
            keyPacks = keyPacks.Where(k => k.ProductVersionCode == version);
        }

        if (filter.Channel is { } channel)
        {
            keyPacks = keyPacks.Where(k => k.Channel == channel);
        }

        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            keyPacks = keyPacks.Where(k => k.IssuedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            keyPacks = keyPacks.Where(k => k.IssuedAt < end);
        }

        keyPacks = filter.Status switch
        {
            KeyPackStatus.Migrated => keyPacks.Where(k => k.MigratedToKeyPackId != null),
            KeyPackStatus.Installed => keyPacks.Where(k => k.MigratedToKeyPackId == null && k.Installation != null),
            KeyPackStatus.Issued => keyPacks.Where(k => k.MigratedToKeyPackId == null && k.Installation == null),
            _ => keyPacks,
        };

        return keyPacks;
    }

    // Ordered and paged on the entity, projected last: EF cannot order by a property of a constructed record.
    private static IQueryable<KeyPack> Ordered(IQueryable<KeyPack> query) =>
        query.OrderByDescending(k => k.IssuedAt).ThenBy(k => k.Id);

    private static IQueryable<IssuedRow> Rows(IQueryable<KeyPack> keyPacks) =>
        keyPacks.Select(k => new IssuedRow(
            k.Id, k.LicenseServerId, k.LicenseProgramCode, k.ProductVersionCode, k.CalTypeCode, k.Quantity, k.Channel,
            k.Purpose, k.PurchaseReference, k.IssuedAt, k.Installation == null ? null : k.Installation.InstalledAt,
            k.MigratedToKeyPackId, k.MigratedAt));
}

/// <summary>
/// Writes CSV as RFC 4180 says: comma-separated, CRLF line ends, a field quoted when it holds a comma, quote or line
/// break, quotes doubled. A field a spreadsheet would take as a formula (starting with = + - @, a tab or a carriage
/// return) gets a leading apostrophe, so opening an export never runs anything in it.
/// </summary>
public static class Csv
{
    public static string Field(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    public static string Line(IEnumerable<string?> fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    /// <summary>The key packs as CSV, with a header line; IDs in their grouped form, times in ISO 8601 UTC.</summary>
    public static string Of(IEnumerable<IssuedRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var builder = new StringBuilder();
        builder.Append(Line(["key_pack_id", "license_server_id", "license_program", "product_version", "cal_type", "quantity",
            "channel", "purpose", "purchase", "issued_at", "status", "installed_at", "migrated_to", "migrated_at"]));
        foreach (var row in rows)
        {
            builder.Append(Line([
                IdFormat.KeyPackId.Format(row.KeyPackId), IdFormat.LicenseServerId.Format(row.LicenseServerId),
                row.LicenseProgramCode, row.ProductVersionCode, row.CalTypeCode,
                row.Quantity.ToString(CultureInfo.InvariantCulture), row.Channel.ToString().ToLowerInvariant(),
                row.Purpose.ToString().ToLowerInvariant(), row.PurchaseReference, Time(row.IssuedAt),
                row.Status.ToString().ToLowerInvariant(), Time(row.InstalledAt),
                row.MigratedToKeyPackId is { } to ? IdFormat.KeyPackId.Format(to) : null, Time(row.MigratedAt),
            ]));
        }

        return builder.ToString();
    }

    private static string? Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
