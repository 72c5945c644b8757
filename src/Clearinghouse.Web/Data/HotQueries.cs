using System.Runtime.CompilerServices;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Clearinghouse.Web.Data;

/// <summary>
/// The reads every license server's call makes (and the server read everywhere else), and those every step of a flow
/// makes, compiled (EF.CompileAsyncQuery): EF then neither walks nor looks up the query's expression again on each
/// call. Measured on the repeat installation (the server and key-pack reads are most of its work; the API's request for
/// CALs reads the server's issuing request too) and the Manage CALs flow (bench/run.sh). A compiled query keeps the
/// model and provider it first ran with, so there is one set per model (one process may hold several: the tests run
/// SQLite and PostgreSQL side by side). On an SQLite file the two reads of a repeat installation go further: they are
/// prepared once, on connections that stay open (<see cref="SqlitePointReads"/>).
/// </summary>
internal sealed class HotQueries
{
    private static readonly ConditionalWeakTable<IModel, HotQueries> ByModel = [];

    private readonly Func<ClearinghouseDbContext, string, CancellationToken, Task<LicenseServer?>> serverById =
        EF.CompileAsyncQuery((ClearinghouseDbContext db, string id, CancellationToken _) =>
            db.LicenseServers.AsNoTracking().SingleOrDefault(s => s.Id == id));

    private readonly Func<ClearinghouseDbContext, string, CancellationToken, Task<KeyPack?>> keyPackWithInstallation =
        EF.CompileAsyncQuery((ClearinghouseDbContext db, string id, CancellationToken _) =>
            db.KeyPacks.AsNoTracking().Include(k => k.Installation).SingleOrDefault(k => k.Id == id));

    private readonly Func<ClearinghouseDbContext, string, CancellationToken, Task<LicenseServer?>> trackedServerById =
        EF.CompileAsyncQuery((ClearinghouseDbContext db, string id, CancellationToken _) =>
            db.LicenseServers.SingleOrDefault(s => s.Id == id));

    private readonly Func<ClearinghouseDbContext, Guid, RequestKind, RequestChannel, CancellationToken, Task<CalRequest?>> requestOfFlow =
        EF.CompileAsyncQuery((ClearinghouseDbContext db, Guid id, RequestKind kind, RequestChannel channel, CancellationToken _) =>
            db.CalRequests.AsNoTracking().SingleOrDefault(r => r.Id == id && r.Kind == kind && r.Channel == channel));

    private readonly Func<ClearinghouseDbContext, Guid, RequestKind, RequestChannel, CancellationToken, Task<CalRequest?>> trackedRequestOfFlow =
        EF.CompileAsyncQuery((ClearinghouseDbContext db, Guid id, RequestKind kind, RequestChannel channel, CancellationToken _) =>
            db.CalRequests.SingleOrDefault(r => r.Id == id && r.Kind == kind && r.Channel == channel));

    private readonly Func<ClearinghouseDbContext, Guid, RequestKind, RequestChannel, CancellationToken, Task<ResultRead?>> resultOfFlow =
        EF.CompileAsyncQuery((ClearinghouseDbContext db, Guid id, RequestKind kind, RequestChannel channel, CancellationToken _) =>
            (from r in db.CalRequests.AsNoTracking()
             where r.Id == id && r.Kind == kind && r.Channel == channel
             join c in db.CountriesRegions.AsNoTracking() on r.CountryRegionCode equals c.Code into countries
             from c in countries.DefaultIfEmpty()
             select new ResultRead(r, r.KeyPack, c)).SingleOrDefault());

    private readonly Func<ClearinghouseDbContext, string, CancellationToken, Task<CalRequest?>> requestThatIssuedServer =
        EF.CompileAsyncQuery((ClearinghouseDbContext db, string serverId, CancellationToken _) =>
            db.CalRequests.AsNoTracking().SingleOrDefault(r => r.IssuedLicenseServerId == serverId));

    /// <summary>A license server by its canonical ID, untracked.</summary>
    public static Task<LicenseServer?> ServerByIdAsync(ClearinghouseDbContext db, string id, CancellationToken cancellationToken) =>
        PointReadsOf(db, cancellationToken) is { } reads
            ? Task.FromResult(reads.ServerById(id))
            : For(db).serverById(db, id, cancellationToken);

    /// <summary>A license server by its canonical ID, tracked (to be changed, or its version guarded, in this unit of work).</summary>
    public static Task<LicenseServer?> TrackedServerByIdAsync(ClearinghouseDbContext db, string id, CancellationToken cancellationToken) =>
        For(db).trackedServerById(db, id, cancellationToken);

    /// <summary>
    /// A request by its id, only when it is of <paramref name="kind"/> through <paramref name="channel"/> (a flow's own);
    /// tracked to be saved, untracked to be shown.
    /// </summary>
    public static Task<CalRequest?> RequestOfFlowAsync(
        ClearinghouseDbContext db, Guid id, RequestKind kind, RequestChannel channel, bool tracked, CancellationToken cancellationToken) =>
        tracked
            ? For(db).trackedRequestOfFlow(db, id, kind, channel, cancellationToken)
            : For(db).requestOfFlow(db, id, kind, channel, cancellationToken);

    /// <summary>
    /// A request of a flow as its result page shows it, in one read, untracked: the request, its key pack (null until
    /// submitted, and for flows that issue none) and its contact's country or region (with the number the lab shows).
    /// </summary>
    public static Task<ResultRead?> ResultOfFlowAsync(
        ClearinghouseDbContext db, Guid id, RequestKind kind, RequestChannel channel, CancellationToken cancellationToken) =>
        For(db).resultOfFlow(db, id, kind, channel, cancellationToken);

    /// <summary>A key pack by its canonical ID with its installation, untracked (attach it to change it).</summary>
    public static Task<KeyPack?> KeyPackWithInstallationAsync(ClearinghouseDbContext db, string id, CancellationToken cancellationToken) =>
        PointReadsOf(db, cancellationToken) is { } reads
            ? Task.FromResult(reads.KeyPackWithInstallation(id))
            : For(db).keyPackWithInstallation(db, id, cancellationToken);

    /// <summary>
    /// The request that gave a license server its ID (its activation or last reactivation), untracked; the API reads its
    /// contact on every request for CALs.
    /// </summary>
    public static Task<CalRequest?> RequestThatIssuedServerAsync(ClearinghouseDbContext db, string serverId, CancellationToken cancellationToken) =>
        For(db).requestThatIssuedServer(db, serverId, cancellationToken);

    /// <summary>
    /// The prepared reads of an SQLite file (<see cref="SqlitePointReads"/>), when this read may take them: not inside a
    /// transaction, whose own writes and lock only its connection has.
    /// </summary>
    private static SqlitePointReads? PointReadsOf(ClearinghouseDbContext db, CancellationToken cancellationToken)
    {
        if (db is not SqliteClearinghouseDbContext { PointReads: { } reads } || db.Database.CurrentTransaction is not null)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return reads;
    }

    private static HotQueries For(ClearinghouseDbContext db) => ByModel.GetValue(db.Model, static _ => new HotQueries());
}

/// <summary>A request with its key pack and its contact's country or region, read together (untracked).</summary>
internal sealed record ResultRead(CalRequest Request, KeyPack? KeyPack, CountryRegion? Country);
