using System.Linq.Expressions;
using System.Text;
using Clearinghouse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Licensing;

/// <summary>Where a request stands now, as a representative tells a caller.</summary>
public enum RequestStatus
{
    /// <summary>Not submitted: a wizard left part-way, nothing issued.</summary>
    Draft,

    /// <summary>Its key pack or License Server ID was issued, and nothing has happened to it since.</summary>
    Issued,

    /// <summary>Its key pack was installed on the license server.</summary>
    Installed,

    /// <summary>Its key pack's CALs were migrated to another key pack (Manage CALs).</summary>
    MigratedAway,

    /// <summary>The license server it concerns was deactivated.</summary>
    Deactivated,

    /// <summary>The License Server ID it issued was replaced: the server was reactivated and has a new ID.</summary>
    Reactivated,
}

/// <summary>One request as a search lists it.</summary>
/// <param name="TargetLicenseServerId">The License Server ID the request was made for (Manage CALs, install, reactivation), canonical.</param>
/// <param name="LicenseServerId">
/// The server it concerns now, canonical: the one its key pack is bound to (its new ID after a reactivation), or the
/// one it issued (activation, reactivation); otherwise the target.
/// </param>
/// <param name="IssuedAt">When its key pack or License Server ID was issued.</param>
public sealed record RequestSummary(
    Guid RequestId,
    RequestKind Kind,
    RequestChannel Channel,
    DateTimeOffset CreatedAt,
    DateTimeOffset? IssuedAt,
    string? CompanyName,
    string? FirstName,
    string? LastName,
    string? TargetLicenseServerId,
    string? LicenseServerId,
    string? KeyPackId,
    DateTimeOffset? InstalledAt,
    string? MigratedToKeyPackId,
    RequestStatus Status);

/// <param name="HasMore">More requests match than were listed: the query should be narrowed.</param>
public sealed record RequestSearchResults(IReadOnlyList<RequestSummary> Requests, bool HasMore)
{
    public static RequestSearchResults None { get; } = new([], false);
}

/// <summary>
/// Finds earlier requests — submitted or draft, from every channel — from one line a representative types: a License
/// Server ID (the target or the one issued), a license key pack ID, an agreement or Open License number or a retail
/// license code, whole or any part of at least <see cref="MinIdCharacters"/> characters in any grouping; or a company
/// or contact name, or part of one, in any case and any script. Newest first, at most a page of them.
/// </summary>
/// <remarks>
/// IDs and numbers are stored canonical (upper case, no separators), so the query is made canonical too and matched with
/// LIKE, which is the same on every provider for upper-case ASCII. Names are stored as typed, and providers fold case
/// differently: SQLite's LIKE only for ASCII, PostgreSQL's LIKE not at all (ILIKE does; beyond ASCII as its locale
/// says), SQL Server's by its collation. So ASCII letters are left to LIKE (ILIKE on PostgreSQL) and each non-ASCII
/// letter that has a case is tried both ways ("müller" also as "mÜller"): the results are the same on every provider.
/// A LIKE with a leading wildcard reads every row; the newest-first order lets the database stop after a page.
/// </remarks>
public sealed class RequestSearch(ClearinghouseDbContext db)
{
    public const int DefaultLimit = 50;

    /// <summary>The fewest characters of an ID or number searched for as part of one.</summary>
    public const int MinIdCharacters = 5;

    private const string Escape = "\\";

    // Words of a name query; each must be found (in the company, first or last name).
    private const int MaxTerms = 4;

    // Up to 2³ case variants of a word's non-ASCII letters are tried exactly; beyond that, the usual writings.
    private const int MaxExactlyVariedLetters = 3;

    /// <param name="query">What the representative typed; nothing (or only separators) finds nothing.</param>
    /// <param name="limit">The most requests listed, 1 to 200.</param>
    public async Task<RequestSearchResults> SearchAsync(string? query, int limit = DefaultLimit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 200);
        if (Matching(query) is not { } predicate)
        {
            return RequestSearchResults.None;
        }

        var rows = await db.CalRequests.AsNoTracking()
            .Where(predicate)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Select(r => new Row(
                r.Id, r.Kind, r.Channel, r.CreatedAt, r.SubmittedAt, r.CompanyName, r.FirstName, r.LastName,
                r.TargetLicenseServerId, r.IssuedLicenseServerId,
                r.KeyPack != null ? r.KeyPack.Id : null,
                r.KeyPack != null ? r.KeyPack.LicenseServerId : null,
                r.KeyPack != null && r.KeyPack.Installation != null ? (DateTimeOffset?)r.KeyPack.Installation.InstalledAt : null,
                r.KeyPack != null ? r.KeyPack.MigratedToKeyPackId : null))
            .Take(limit + 1)
            .ToListAsync(cancellationToken);

        var serverIds = rows.Select(r => r.BoundServerId ?? r.IssuedServerId).OfType<string>().Distinct().ToList();
        var servers = await db.LicenseServers.AsNoTracking()
            .Where(s => serverIds.Contains(s.Id))
            .Select(s => new ServerState(s.Id, s.ReplacedById, s.DeactivatedAt))
            .ToDictionaryAsync(s => s.Id, StringComparer.Ordinal, cancellationToken);

        var summaries = rows.Take(limit).Select(r =>
        {
            var serverId = r.BoundServerId ?? r.IssuedServerId;
            var server = serverId is null ? null : servers.GetValueOrDefault(serverId);
            return new RequestSummary(
                r.Id, r.Kind, r.Channel, r.CreatedAt, r.SubmittedAt, r.CompanyName, r.FirstName, r.LastName,
                r.TargetServerId, serverId ?? r.TargetServerId, r.KeyPackId, r.InstalledAt, r.MigratedTo,
                StatusOf(r.SubmittedAt is not null, r.KeyPackId, r.InstalledAt is not null, r.MigratedTo, server?.ReplacedById, server?.DeactivatedAt));
        }).ToList();
        return new RequestSearchResults(summaries, rows.Count > limit);
    }

    /// <summary>
    /// Where a request stands: its key pack migrated away, its server deactivated or replaced, its key pack installed,
    /// or only issued. One rule for the search and for a request's page.
    /// </summary>
    /// <param name="keyPackId">Its key pack, if it issued one.</param>
    /// <param name="serverReplacedById">
    /// The server it concerns (its key pack's, or the one it issued) was reactivated: the ID that replaced it.
    /// </param>
    public static RequestStatus StatusOf(
        bool submitted, string? keyPackId, bool installed, string? migratedToKeyPackId, string? serverReplacedById, DateTimeOffset? serverDeactivatedAt) =>
        !submitted ? RequestStatus.Draft
        : keyPackId is not null && migratedToKeyPackId is not null ? RequestStatus.MigratedAway
        : serverDeactivatedAt is not null ? RequestStatus.Deactivated
        : serverReplacedById is not null ? RequestStatus.Reactivated
        : installed ? RequestStatus.Installed
        : RequestStatus.Issued;

    /// <summary>The filter a query stands for; null when it can find nothing.</summary>
    private Expression<Func<CalRequest, bool>>? Matching(string? query)
    {
        // As an ID or number: its characters in any grouping, full-width ones too.
        var compact = ReadBack.Normalize(query);
        if (query is null || compact.Length == 0)
        {
            return null;
        }

        Expression<Func<CalRequest, bool>>? matching = null;
        if (compact.Length >= MinIdCharacters && compact.All(char.IsAsciiLetterOrDigit))
        {
            var pattern = $"%{compact}%";
            matching = r =>
                EF.Functions.Like(r.TargetLicenseServerId, pattern) ||
                EF.Functions.Like(r.IssuedLicenseServerId, pattern) ||
                (r.KeyPack != null && (EF.Functions.Like(r.KeyPack.Id, pattern) || EF.Functions.Like(r.KeyPack.LicenseServerId, pattern))) ||
                EF.Functions.Like(r.AgreementNumber, pattern) ||
                EF.Functions.Like(r.OpenLicenseNumber, pattern) ||
                EF.Functions.Like(r.OpenLicenseAuthorizationNumber, pattern) ||
                EF.Functions.Like(r.RetailLicenseCodes, pattern);
        }

        // As a name: every word found in the company, first or last name.
        var terms = query.Normalize(NormalizationForm.FormC)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(term => IdFormat.Compact(term).Length > 0) // a lone hyphen between words is no part of a name
            .Take(MaxTerms)
            .ToList();
        if (terms.Count > 0)
        {
            var ilike = db.Database.IsNpgsql();
            var names = terms.Select(term => CaseVariants(term).Select(variant => NameLike($"%{EscapeLike(variant)}%", ilike)).Aggregate(Or))
                .Aggregate(And);
            matching = matching is null ? names : Or(matching, names);
        }

        return matching;
    }

    private static Expression<Func<CalRequest, bool>> NameLike(string pattern, bool ilike) => ilike
        ? r => EF.Functions.ILike(r.CompanyName!, pattern, Escape) ||
            EF.Functions.ILike(r.FirstName!, pattern, Escape) ||
            EF.Functions.ILike(r.LastName!, pattern, Escape)
        : r => EF.Functions.Like(r.CompanyName, pattern, Escape) ||
            EF.Functions.Like(r.FirstName, pattern, Escape) ||
            EF.Functions.Like(r.LastName, pattern, Escape);

    /// <summary>
    /// The writings of <paramref name="term"/> that differ in the case of its non-ASCII letters (ASCII case is LIKE's
    /// to fold): "müller" → "müller", "mÜller". Every combination for up to three such letters; beyond that, as typed,
    /// all lower, all upper and capitalised.
    /// </summary>
    internal static IReadOnlyList<string> CaseVariants(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var cased = Enumerable.Range(0, term.Length)
            .Where(i => !char.IsAscii(term[i]) && char.ToUpperInvariant(term[i]) != char.ToLowerInvariant(term[i]))
            .ToList();
        if (cased.Count > MaxExactlyVariedLetters)
        {
            var lower = term.ToLowerInvariant();
            return new[] { term, lower, term.ToUpperInvariant(), char.ToUpperInvariant(lower[0]) + lower[1..] }
                .Distinct(StringComparer.Ordinal).ToList();
        }

        var variants = new List<string>(1 << cased.Count);
        for (var mask = 0; mask < 1 << cased.Count; mask++)
        {
            var chars = term.ToCharArray();
            for (var bit = 0; bit < cased.Count; bit++)
            {
                var i = cased[bit];
                chars[i] = (mask & (1 << bit)) != 0 ? char.ToUpperInvariant(chars[i]) : char.ToLowerInvariant(chars[i]);
            }

            variants.Add(new string(chars));
        }

        return [.. variants.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>A name typed by a person, as a LIKE pattern's literal text: its wildcards and the escape character escaped.</summary>
    private static string EscapeLike(string text) =>
        text.Replace(Escape, Escape + Escape, StringComparison.Ordinal)
            .Replace("%", Escape + "%", StringComparison.Ordinal)
            .Replace("_", Escape + "_", StringComparison.Ordinal);

    private static Expression<Func<CalRequest, bool>> Or(Expression<Func<CalRequest, bool>> left, Expression<Func<CalRequest, bool>> right) =>
        Combine(left, right, Expression.OrElse);

    private static Expression<Func<CalRequest, bool>> And(Expression<Func<CalRequest, bool>> left, Expression<Func<CalRequest, bool>> right) =>
        Combine(left, right, Expression.AndAlso);

    private static Expression<Func<CalRequest, bool>> Combine(
        Expression<Func<CalRequest, bool>> left, Expression<Func<CalRequest, bool>> right, Func<Expression, Expression, BinaryExpression> combine)
    {
        var parameter = left.Parameters[0];
        var body = new ParameterSwap(right.Parameters[0], parameter).Visit(right.Body);
        return Expression.Lambda<Func<CalRequest, bool>>(combine(left.Body, body), parameter);
    }

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    private sealed record Row(
        Guid Id,
        RequestKind Kind,
        RequestChannel Channel,
        DateTimeOffset CreatedAt,
        DateTimeOffset? SubmittedAt,
        string? CompanyName,
        string? FirstName,
        string? LastName,
        string? TargetServerId,
        string? IssuedServerId,
        string? KeyPackId,
        string? BoundServerId,
        DateTimeOffset? InstalledAt,
        string? MigratedTo);

    private sealed record ServerState(string Id, string? ReplacedById, DateTimeOffset? DeactivatedAt);
}
