using Clearinghouse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Licensing;

/// <summary>What happened to a request and what it issued, in the order a request's history lists it when times tie.</summary>
public enum RequestEventKind
{
    /// <summary>The request was started (on the site, by a representative, or by the API).</summary>
    Created,

    /// <summary>Its license server was activated: <see cref="RequestEvent.LicenseServerId"/> issued.</summary>
    ServerActivated,

    /// <summary>Its key pack was issued (<see cref="RequestEvent.KeyPackId"/>, for <see cref="RequestEvent.LicenseServerId"/>).</summary>
    KeyPackIssued,

    /// <summary>
    /// CALs of an earlier key pack (<see cref="RequestEvent.KeyPackId"/>, on <see cref="RequestEvent.LicenseServerId"/>)
    /// were migrated to this request's key pack.
    /// </summary>
    CalsMigratedHere,

    /// <summary>Its key pack was installed on <see cref="RequestEvent.LicenseServerId"/>.</summary>
    KeyPackInstalled,

    /// <summary>
    /// Its key pack's CALs were migrated to another key pack (<see cref="RequestEvent.KeyPackId"/>, on
    /// <see cref="RequestEvent.LicenseServerId"/>).
    /// </summary>
    KeyPackMigratedAway,

    /// <summary>
    /// The server (<see cref="RequestEvent.LicenseServerId"/>) was reactivated and given a new ID
    /// (<see cref="RequestEvent.NewLicenseServerId"/>); its key packs went with it.
    /// </summary>
    ServerReactivated,

    /// <summary>The server (<see cref="RequestEvent.LicenseServerId"/>) was deactivated.</summary>
    ServerDeactivated,
}

/// <param name="LicenseServerId">The server the event concerns, canonical.</param>
/// <param name="KeyPackId">The key pack the event concerns, canonical.</param>
/// <param name="NewLicenseServerId">For <see cref="RequestEventKind.ServerReactivated"/>: the ID that replaced it.</param>
public sealed record RequestEvent(
    DateTimeOffset At, RequestEventKind Kind, string? LicenseServerId = null, string? KeyPackId = null, string? NewLicenseServerId = null);

/// <summary>Everything about one request, read from what the database holds now.</summary>
/// <param name="Request">The request with every field as submitted (or as the draft holds it).</param>
/// <param name="KeyPack">Its key pack, with its installation, if it issued one.</param>
/// <param name="MigratedFrom">Earlier key packs whose CALs this request's key pack took over (Manage CALs).</param>
/// <param name="MigratedTo">The key pack its key pack's CALs were migrated to, if they were.</param>
/// <param name="Servers">
/// The license server it concerns and each ID that replaced it in turn, oldest first: the last one is the server's ID
/// now (unless it was deactivated).
/// </param>
/// <param name="Events">What happened, oldest first.</param>
public sealed record RequestRecord(
    CalRequest Request,
    KeyPack? KeyPack,
    RequestStatus Status,
    IReadOnlyList<KeyPack> MigratedFrom,
    KeyPack? MigratedTo,
    IReadOnlyList<LicenseServer> Servers,
    IReadOnlyList<RequestEvent> Events);

/// <summary>
/// A request's page: the request, its key pack and installation, the migrations to and from it, and the reactivations
/// and deactivation of its server, as one history derived from the records themselves. (Who did what is the audit
/// trail's to say.)
/// </summary>
public sealed class RequestHistory(ClearinghouseDbContext db)
{
    // A chain of reactivations is followed this far; more is not a server's history but a loop in bad data.
    private const int MaxReactivations = 100;

    /// <returns>Null when there is no such request.</returns>
    public async Task<RequestRecord?> GetAsync(Guid requestId, CancellationToken cancellationToken = default)
    {
        var request = await db.CalRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            return null;
        }

        var keyPack = await db.KeyPacks.AsNoTracking().Include(k => k.Installation)
            .SingleOrDefaultAsync(k => k.RequestId == requestId, cancellationToken);
        var migratedFrom = keyPack is null
            ? []
            : await db.KeyPacks.AsNoTracking()
                .Where(k => k.MigratedToKeyPackId == keyPack.Id)
                .OrderBy(k => k.IssuedAt).ThenBy(k => k.Id)
                .ToListAsync(cancellationToken);
        var migratedTo = keyPack?.MigratedToKeyPackId is { } toId
            ? await db.KeyPacks.AsNoTracking().SingleOrDefaultAsync(k => k.Id == toId, cancellationToken)
            : null;

        // Activation concerns the server it issued; every other kind the server it was made for.
        var firstServerId = request.Kind == RequestKind.ActivateServer ? request.IssuedLicenseServerId : request.TargetLicenseServerId;
        var servers = await ServerChainAsync(firstServerId, cancellationToken);

        var concernedId = keyPack?.LicenseServerId ?? request.IssuedLicenseServerId;
        var concerned = servers.FirstOrDefault(s => s.Id == concernedId)
            ?? (concernedId is null ? null : await HotQueries.ServerByIdAsync(db, concernedId, cancellationToken));
        var status = RequestSearch.StatusOf(
            request.SubmittedAt is not null, keyPack?.Id, keyPack?.Installation is not null, keyPack?.MigratedToKeyPackId,
            concerned?.ReplacedById, concerned?.DeactivatedAt);

        return new RequestRecord(
            request, keyPack, status, migratedFrom, migratedTo, servers, Events(request, keyPack, migratedFrom, migratedTo, servers));
    }

    private async Task<IReadOnlyList<LicenseServer>> ServerChainAsync(string? firstId, CancellationToken cancellationToken)
    {
        var chain = new List<LicenseServer>();
        for (var id = firstId; id is not null && chain.Count <= MaxReactivations;)
        {
            var server = await HotQueries.ServerByIdAsync(db, id, cancellationToken);
            if (server is null)
            {
                break;
            }

            chain.Add(server);
            id = server.ReplacedById;
        }

        return chain;
    }

    private static List<RequestEvent> Events(
        CalRequest request, KeyPack? keyPack, IReadOnlyList<KeyPack> migratedFrom, KeyPack? migratedTo, IReadOnlyList<LicenseServer> servers)
    {
        var events = new List<RequestEvent> { new(request.CreatedAt, RequestEventKind.Created) };

        if (request.Kind == RequestKind.ActivateServer && servers.Count > 0 && request.SubmittedAt is { } activatedAt)
        {
            events.Add(new RequestEvent(servers[0].ActivatedAt ?? activatedAt, RequestEventKind.ServerActivated, servers[0].Id));
        }

        if (keyPack is not null)
        {
            events.Add(new RequestEvent(keyPack.IssuedAt, RequestEventKind.KeyPackIssued, request.TargetLicenseServerId ?? keyPack.LicenseServerId, keyPack.Id));
            events.AddRange(migratedFrom.Select(k =>
                new RequestEvent(k.MigratedAt ?? keyPack.IssuedAt, RequestEventKind.CalsMigratedHere, k.LicenseServerId, k.Id)));
            if (keyPack.Installation is { } installation)
            {
                events.Add(new RequestEvent(
                    installation.InstalledAt, RequestEventKind.KeyPackInstalled, IdAt(installation.InstalledAt, installation.LicenseServerId), keyPack.Id));
            }

            if (keyPack.MigratedToKeyPackId is { } toId)
            {
                events.Add(new RequestEvent(
                    keyPack.MigratedAt ?? migratedTo?.IssuedAt ?? keyPack.IssuedAt, RequestEventKind.KeyPackMigratedAway, migratedTo?.LicenseServerId, toId));
            }
        }

        foreach (var server in servers)
        {
            if (server.ReplacedById is { } newId && server.ReplacedAt is { } replacedAt)
            {
                events.Add(new RequestEvent(replacedAt, RequestEventKind.ServerReactivated, server.Id, NewLicenseServerId: newId));
            }

            if (server.DeactivatedAt is { } deactivatedAt)
            {
                events.Add(new RequestEvent(deactivatedAt, RequestEventKind.ServerDeactivated, server.Id));
            }
        }

        return [.. events.OrderBy(e => e.At).ThenBy(e => e.Kind)];

        // A reactivation moves an installation to the server's new ID; it was installed under the ID of its time.
        string IdAt(DateTimeOffset at, string current) =>
            servers.Any(s => s.Id == current) && servers.FirstOrDefault(s => s.ReplacedAt is null || s.ReplacedAt > at) is { } then
                ? then.Id
                : current;
    }
}
