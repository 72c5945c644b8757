using System.Security.Cryptography;
using Clearinghouse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Licensing;

/// <summary>Turns a complete CAL request into a license key pack bound to its target license server.</summary>
public sealed class KeyPackIssuer(ClearinghouseDbContext db, RandomNumberGenerator random, TimeProvider clock)
{
    /// <summary>
    /// How often issuing is tried again after losing a race: to another submission of the request, to a step post
    /// that saved the request first, or to another request recording the same new license server.
    /// </summary>
    private const int MaxAttempts = 5;

    /// <summary>
    /// Issues the request's key pack, once. Submitting again — a refresh, the back button, a double click, or two
    /// submissions racing — returns the key pack already issued.
    /// </summary>
    /// <exception cref="InvalidOperationException">The request does not exist or is not complete.</exception>
    public async Task<KeyPack> IssueAsync(Guid requestId, CancellationToken cancellationToken = default) =>
        await TryIssueAsync(requestId, reviewedVersion: null, cancellationToken)
        ?? throw new InvalidOperationException($"CAL request {requestId} does not exist or is not complete.");

    /// <summary>
    /// Issues the request's key pack, once; or returns null when there is no such request, it is not complete
    /// (another tab may have changed the license program, which asks for that program's details again), or it is no
    /// longer the version the person reviewed.
    /// </summary>
    /// <param name="reviewedVersion">
    /// The <see cref="CalRequest.Version"/> the review page showed: a request changed since (in another tab) is not
    /// issued, so what is issued is always what the person read before submitting. Null to issue whatever it holds.
    /// </param>
    /// <remarks>
    /// The key pack is made from the request as read, and saved with the request's SubmittedAt in one SaveChanges —
    /// one transaction — whose update of the request only applies if its <see cref="CalRequest.Version"/> is still
    /// the one read. If a step post saved the request in between (or is saving it: the update waits for its row lock
    /// and then finds another version), nothing is saved, not even the key pack, and issuing starts again from what
    /// the request holds now. So the key pack is exactly the request it marks as submitted, on every provider,
    /// whatever the isolation level; and once submitted, the request's version moves on so no stale step can save.
    /// </remarks>
    public async Task<KeyPack?> TryIssueAsync(Guid requestId, int? reviewedVersion, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var request = await db.CalRequests.Include(r => r.KeyPack)
                .SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
            if (request is null)
            {
                return null;
            }

            if (request.KeyPack is { } issued)
            {
                return issued;
            }

            if (!CalRequestRules.IsComplete(request) || (reviewedVersion is { } reviewed && request.Version != reviewed))
            {
                return null;
            }

            var now = clock.GetUtcNow();
            var serverId = request.TargetLicenseServerId!;
            if (await db.LicenseServers.FindAsync([serverId], cancellationToken) is null)
            {
                db.LicenseServers.Add(new LicenseServer
                {
                    Id = serverId,
                    IssuedHere = IdFormat.LicenseServerId.Parse(serverId).Origin == IdOrigin.IssuedHere,
                    FirstSeenAt = now,
                });
            }

            var keyPack = new KeyPack
            {
                Id = IdFormat.KeyPackId.Generate(random),
                LicenseServerId = serverId,
                RequestId = request.Id,
                Channel = request.Channel,
                LicenseProgramCode = request.LicenseProgramCode!,
                ProductVersionCode = request.ProductVersionCode!,
                CalTypeCode = request.CalTypeCode!,
                Quantity = request.Quantity!.Value,
                IssuedAt = now,
            };
            db.KeyPacks.Add(keyPack);
            request.SubmittedAt = now;
            request.UpdatedAt = now;

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return keyPack;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // The request was saved since it was read: by a step post (issue from what it holds now) or by
                // another submission that won (its key pack is returned on the next read).
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException exception) when (attempt < MaxAttempts && DatabaseErrors.IsUniqueViolation(exception))
            {
                // Another submission inserted this request's key pack first, or another request recorded the same
                // new license server first: read what the database now holds.
                db.ChangeTracker.Clear();
            }
        }
    }
}
