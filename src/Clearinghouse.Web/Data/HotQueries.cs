using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Clearinghouse.Web.Data;

/// <summary>
/// The reads every license server's call makes (and the server read everywhere else), compiled
/// (EF.CompileAsyncQuery): EF then neither walks nor looks up the query's expression again on each call. Measured on
/// the repeat installation (bench/run.sh), where the server and key-pack reads are most of the work; the API's request
/// for CALs reads the server's issuing request too. A compiled query keeps the model and provider it first ran with, so there is one set
/// per model (one process may hold several: the tests run SQLite and PostgreSQL side by side).
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

    private readonly Func<ClearinghouseDbContext, string, CancellationToken, Task<CalRequest?>> requestThatIssuedServer =
        EF.CompileAsyncQuery((ClearinghouseDbContext db, string serverId, CancellationToken _) =>
            db.CalRequests.AsNoTracking().SingleOrDefault(r => r.IssuedLicenseServerId == serverId));

    /// <summary>A license server by its canonical ID, untracked.</summary>
    public static Task<LicenseServer?> ServerByIdAsync(ClearinghouseDbContext db, string id, CancellationToken cancellationToken) =>
        For(db).serverById(db, id, cancellationToken);

    /// <summary>A key pack by its canonical ID with its installation, untracked (attach it to change it).</summary>
    public static Task<KeyPack?> KeyPackWithInstallationAsync(ClearinghouseDbContext db, string id, CancellationToken cancellationToken) =>
        For(db).keyPackWithInstallation(db, id, cancellationToken);

    /// <summary>
    /// The request that gave a license server its ID (its activation or last reactivation), untracked; the API reads its
    /// contact on every request for CALs.
    /// </summary>
    public static Task<CalRequest?> RequestThatIssuedServerAsync(ClearinghouseDbContext db, string serverId, CancellationToken cancellationToken) =>
        For(db).requestThatIssuedServer(db, serverId, cancellationToken);

    private static HotQueries For(ClearinghouseDbContext db) => ByModel.GetValue(db.Model, static _ => new HotQueries());
}
