using System.Security.Cryptography;
using Clearinghouse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Licensing;

/// <summary>Turns a complete CAL request into a license key pack bound to its target license server.</summary>
public sealed class KeyPackIssuer(ClearinghouseDbContext db, RandomNumberGenerator random, TimeProvider clock)
{
    /// <summary>
    /// Issues the request's key pack, once. Submitting again — a refresh, the back button, a double click, or two
    /// submissions racing — returns the key pack already issued: the unique index on the request decides the race.
    /// </summary>
    public async Task<KeyPack> IssueAsync(Guid requestId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var request = await db.CalRequests.Include(r => r.KeyPack)
                .SingleAsync(r => r.Id == requestId, cancellationToken);
            if (request.KeyPack is { } issued)
            {
                return issued;
            }

            if (!CalRequestRules.IsComplete(request))
            {
                throw new InvalidOperationException($"CAL request {requestId} is not complete and cannot be issued.");
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
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another submission of this request won, or another request recorded the same new server first:
                // look again at what the database now holds.
                db.ChangeTracker.Clear();
            }
        }
    }
}
