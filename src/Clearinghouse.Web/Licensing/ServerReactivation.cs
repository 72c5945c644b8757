using System.Globalization;
using Clearinghouse.Web.Auditing;
using Clearinghouse.Web.Lab;
using Clearinghouse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Licensing;

/// <summary>
/// Reactivates a license server: a submitted "Reactivate a license server" request (its License Server ID, a reason,
/// company information) gives it a new License Server ID. The old ID is no longer accepted, and the key packs bound to
/// it — installed or not — stay with the server: they are bound to the new ID.
/// </summary>
public sealed class ServerReactivation(
    ClearinghouseDbContext db, IssuedIds ids, TimeProvider clock, LicensingRules rules, AuditLog audit)
{
    private const int MaxAttempts = 5;

    /// <summary>Reactivates the server, once; for tests and tools.</summary>
    /// <exception cref="InvalidOperationException">The request does not exist, is not complete, or is refused.</exception>
    public async Task<LicenseServer> ReactivateAsync(Guid requestId, CancellationToken cancellationToken = default)
    {
        var outcome = await TryReactivateAsync(requestId, reviewedVersion: null, cancellationToken);
        return outcome.Status switch
        {
            IssueStatus.Issued => outcome.Server!,
            IssueStatus.NotIssuable => throw new InvalidOperationException(
                $"Request {requestId} does not exist or is not a complete reactivation."),
            IssueStatus.Refused => throw new InvalidOperationException(
                $"Request {requestId} is refused: {string.Join(" ", outcome.Refusals.Select(r => $"[{r.Code}] {r.Message}"))}"),
        };
    }

    /// <summary>
    /// Issues the request's new License Server ID, once: submitting again returns the server already registered.
    /// Refused (on <see cref="CalRequest.TargetLicenseServerId"/>) when the server was reactivated already — by another
    /// request, or by a submission that won a race with this one — or, in strict mode, was not activated here.
    /// </summary>
    /// <param name="reviewedVersion">
    /// The <see cref="CalRequest.Version"/> the review page showed: a request changed since is not issued
    /// (<see cref="IssueStatus.NotIssuable"/>). Null to issue whatever it holds.
    /// </param>
    /// <remarks>
    /// One SaveChanges — one transaction — registers the new server (with the old one's Product ID, operating system
    /// and CAL version), marks the old one replaced by it, binds the old one's key packs and their installations to it
    /// and records the new ID on the request. The old server's update only applies if its version is still the one
    /// read, so of two reactivations of one server exactly one commits; the other finds it replaced and is refused.
    /// Each moved key pack's version guards it the same way against an installation or a migration in between.
    /// </remarks>
    /// <param name="credentialHash">
    /// The hash of the API credential the new server is given (<see cref="ServerCredentials"/>); null on the site, which
    /// gives none.
    /// </param>
    public async Task<LicenseServerOutcome> TryReactivateAsync(
        Guid requestId, int? reviewedVersion, CancellationToken cancellationToken = default, byte[]? credentialHash = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var request = await db.CalRequests.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
            if (request is null)
            {
                return LicenseServerOutcome.NotIssuable;
            }

            if (request.IssuedLicenseServerId is { } issued)
            {
                return LicenseServerOutcome.Issued(await db.LicenseServers.SingleAsync(s => s.Id == issued, cancellationToken));
            }

            if (!IsComplete(request) || (reviewedVersion is { } reviewed && request.Version != reviewed))
            {
                return LicenseServerOutcome.NotIssuable;
            }

            var oldId = request.TargetLicenseServerId!;
            var old = await db.LicenseServers.SingleOrDefaultAsync(s => s.Id == oldId, cancellationToken);
            if (rules.TargetServerRefusal(old) is { } refusal)
            {
                // The server was read after the request: another submission of this same request (a double click, a
                // second tab) may have reactivated it in between. Then the server's new ID is this request's result.
                return await IssuedMeanwhileAsync(requestId, cancellationToken) is { } mine
                    ? LicenseServerOutcome.Issued(mine)
                    : LicenseServerOutcome.Refused([refusal]);
            }

            var keyPacks = await db.KeyPacks.Include(k => k.Installation)
                .Where(k => k.LicenseServerId == oldId)
                .ToListAsync(cancellationToken);
            var server = Reactivate(request, old, keyPacks, credentialHash, await ids.NextAsync(IdFormat.LicenseServerId, cancellationToken));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return LicenseServerOutcome.Issued(server);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // The request, the old server (another reactivation won: refused on the next read) or one of its key
                // packs was saved since it was read: decide again on what the database holds now.
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException exception) when (attempt < MaxAttempts && DatabaseErrors.IsUniqueViolation(exception))
            {
                // Another request recorded the same unknown server first, or another reactivation replaced it first.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The server this request was issued, read afresh; null when it has not been.</summary>
    private async Task<LicenseServer?> IssuedMeanwhileAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var issued = await db.CalRequests.AsNoTracking()
            .Where(r => r.Id == requestId)
            .Select(r => r.IssuedLicenseServerId)
            .SingleOrDefaultAsync(cancellationToken);
        return issued is null ? null : await db.LicenseServers.SingleAsync(s => s.Id == issued, cancellationToken);
    }

    /// <summary>A reactivation request holds the server's ID, a reason for reactivating and the contact.</summary>
    internal static bool IsComplete(CalRequest request) =>
        request.Kind == RequestKind.ReactivateServer &&
        request.TargetLicenseServerId is not null &&
        Catalogue.FindReason(request.ReasonCode)?.Purpose == ReasonPurpose.Reactivation &&
        CalRequestRules.HasContact(request);

    private LicenseServer Reactivate(CalRequest request, LicenseServer? old, IReadOnlyList<KeyPack> keyPacks, byte[]? credentialHash, string newId)
    {
        var now = clock.GetUtcNow();
        if (old is null)
        {
            // Lenient mode: a server from elsewhere, not heard of yet, is recorded so that its old ID is known as replaced.
            old = new LicenseServer
            {
                Id = request.TargetLicenseServerId!,
                IssuedHere = IdFormat.LicenseServerId.Parse(request.TargetLicenseServerId).Origin == IdOrigin.IssuedHere,
                FirstSeenAt = now,
            };
            db.LicenseServers.Add(old);
        }

        var server = new LicenseServer
        {
            Id = newId,
            IssuedHere = true,
            FirstSeenAt = now,
            ActivatedAt = now,
            ProductId = old.ProductId,
            OperatingSystemCode = old.OperatingSystemCode,
            ProductVersionCode = old.ProductVersionCode,
            CredentialHash = credentialHash,
        };
        db.LicenseServers.Add(server);
        old.ReplacedById = server.Id;
        old.ReplacedAt = now;

        // The key packs stay with the server: bound to its new ID, each installed one installed there. Each moved key
        // pack's version moves on, so an installation or migration of it that read it before fails and reads again.
        foreach (var keyPack in keyPacks)
        {
            keyPack.LicenseServerId = server.Id;
            if (keyPack.Installation is { } installation)
            {
                // An installation is otherwise never changed, so its server is set through the change tracker.
                db.Entry(installation).Property(i => i.LicenseServerId).CurrentValue = server.Id;
            }
        }

        request.IssuedLicenseServerId = server.Id;
        audit.Add(AuditActions.ServerReactivated, old.Id, string.Create(CultureInfo.InvariantCulture,
            $"{request.Channel}: new ID {server.Id}, reason {request.ReasonCode}, {keyPacks.Count} key packs moved, request {request.Id}"));
        request.SubmittedAt = now;
        request.UpdatedAt = now;
        return server;
    }
}
