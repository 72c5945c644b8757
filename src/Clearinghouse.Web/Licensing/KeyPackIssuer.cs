using System.Globalization;
using Clearinghouse.Web.Auditing;
using Clearinghouse.Web.Lab;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Licensing;

public enum IssueStatus
{
    /// <summary>Issued now, or earlier for the same request (submitting again returns what was issued).</summary>
    Issued,

    /// <summary>
    /// Nothing to issue: no such request, it is not complete (another tab may have changed the license program, which
    /// asks for that program's details again), it is of a kind this does not issue, or it is no longer the version
    /// the person reviewed.
    /// </summary>
    NotIssuable,

    /// <summary>A rule of the clearinghouse refuses the request as it stands; nothing was issued.</summary>
    Refused,
}

/// <summary>What submitting a request for CALs came to.</summary>
/// <param name="KeyPack">The key pack, when <see cref="IssueStatus.Issued"/>.</param>
/// <param name="Refusals">Why not, when <see cref="IssueStatus.Refused"/>: each on the field it concerns.</param>
public sealed record IssueOutcome(IssueStatus Status, KeyPack? KeyPack, IReadOnlyList<RuleRefusal> Refusals)
{
    public static readonly IssueOutcome NotIssuable = new(IssueStatus.NotIssuable, null, []);

    public static IssueOutcome Issued(KeyPack keyPack) => new(IssueStatus.Issued, keyPack, []);

    public static IssueOutcome Refused(IReadOnlyList<RuleRefusal> refusals) => new(IssueStatus.Refused, null, refusals);
}

/// <summary>
/// Turns a complete request for CALs (Manage CALs, Install client access licenses) into a license key pack bound to
/// its target license server, under the clearinghouse's rules (<see cref="LicensingRules"/>).
/// </summary>
public sealed class KeyPackIssuer(
    ClearinghouseDbContext db, IssuedIds ids, TimeProvider clock, LicensingRules rules, AuditLog audit,
    ClearinghouseMetrics metrics)
{
    /// <summary>
    /// How often issuing is tried again after losing a race: to another submission of the request, to a step post
    /// that saved the request first, to another request recording the same new license server, using the same retail
    /// license code, moving the same CALs or counting against the same purchase or server. Each lost race means
    /// another save went through, so a few attempts outlast any realistic contention.
    /// </summary>
    private const int MaxAttempts = 10;

    /// <summary>
    /// Issues the request's key pack, once. Submitting again — a refresh, the back button, a double click, or two
    /// submissions racing — returns the key pack already issued.
    /// </summary>
    /// <exception cref="InvalidOperationException">The request does not exist, is not complete, or is refused.</exception>
    public async Task<KeyPack> IssueAsync(Guid requestId, CancellationToken cancellationToken = default)
    {
        var outcome = await TryIssueAsync(requestId, reviewedVersion: null, cancellationToken);
        return outcome.Status switch
        {
            IssueStatus.Issued => outcome.KeyPack!,
            IssueStatus.NotIssuable => throw new InvalidOperationException(
                $"CAL request {requestId} does not exist or is not complete."),
            IssueStatus.Refused => throw new InvalidOperationException(
                $"CAL request {requestId} is refused: {string.Join(" ", outcome.Refusals.Select(r => $"[{r.Code}] {r.Message}"))}"),
        };
    }

    /// <summary>
    /// Issues the request's key pack, once, if the clearinghouse's rules allow it; see <see cref="IssueStatus"/> for
    /// what else it can come to.
    /// </summary>
    /// <param name="reviewedVersion">
    /// The <see cref="CalRequest.Version"/> the review page showed: a request changed since (in another tab) is not
    /// issued, so what is issued is always what the person read before submitting. Null to issue whatever it holds.
    /// </param>
    /// <remarks>
    /// <para>
    /// The rules are checked on what the request holds now, and everything issuing changes is saved in one
    /// SaveChanges — one transaction: the key pack (its <see cref="KeyPack.Purpose"/> and purchase reference), the
    /// request's SubmittedAt, a migration's key packs marked as migrated to it, its retail license codes recorded or
    /// re-bound to it. Each update there only applies if the row's version is still the one read: the request's (a
    /// step post or another submission came first), each moved key pack's (another migration moved the same CALs),
    /// the target server's (it was reactivated meanwhile) and, in strict mode, each purchase's (another issuance
    /// counted against it). A retail license code's first use is an insert keyed by the code. If any of that lost a
    /// race, nothing is saved, not even the key pack, and issuing starts again from what the database holds now — so
    /// the rules are always decided on committed data, on every provider, whatever the isolation level.
    /// </para>
    /// <para>
    /// The rules: the target server is not one that was reactivated (and, in strict mode, was activated here); CALs
    /// no newer than the server's version when it is known; a retail license code installs once; in strict mode the
    /// purchase is registered and holds the CALs. See <see cref="LicensingRules"/>.
    /// </para>
    /// </remarks>
    public Task<IssueOutcome> TryIssueAsync(Guid requestId, int? reviewedVersion, CancellationToken cancellationToken = default) =>
        TryIssueAsync(requestId, reviewedVersion, installAtOnce: false, cancellationToken);

    /// <summary>
    /// Issues the key pack of a request the caller has just read, tracked by this scope's DbContext (the review page's
    /// submit): the first attempt decides on it as read instead of reading it again. That read is as good as one made
    /// here: the save is guarded by the version it holds, so a request saved or submitted since fails the save, and
    /// the next attempt reads what the database holds then.
    /// </summary>
    /// <inheritdoc cref="TryIssueAsync(Guid, int?, CancellationToken)"/>
    /// <exception cref="ArgumentException"><paramref name="loaded"/> is not tracked here, or already submitted.</exception>
    public Task<IssueOutcome> TryIssueAsync(CalRequest loaded, int? reviewedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        if (db.Entry(loaded).State != EntityState.Unchanged || loaded.SubmittedAt is not null)
        {
            throw new ArgumentException("The request must be read by this scope's DbContext, unchanged and not yet submitted.", nameof(loaded));
        }

        return TryIssueAsync(loaded.Id, loaded, reviewedVersion, installAtOnce: false, cancellationToken);
    }

    /// <inheritdoc cref="TryIssueAsync(Guid, int?, CancellationToken)"/>
    /// <param name="installAtOnce">
    /// Also install the key pack on the target server, in the same transaction (the automatic connection method: the
    /// server asked for the CALs itself). The rules that installing checks — the server neither reactivated nor
    /// deactivated, CALs no newer than it accepts — are the issuing rules, decided on the same reads, so the key pack
    /// is issued and installed together or not at all, in one commit.
    /// </param>
    public Task<IssueOutcome> TryIssueAsync(
        Guid requestId, int? reviewedVersion, bool installAtOnce, CancellationToken cancellationToken = default) =>
        TryIssueAsync(requestId, loaded: null, reviewedVersion, installAtOnce, cancellationToken);

    /// <param name="loaded">
    /// The request, when the caller has just read it (tracked, not submitted, so without a key pack): the first attempt
    /// decides on it; every later one reads the request again.
    /// </param>
    private async Task<IssueOutcome> TryIssueAsync(
        Guid requestId, CalRequest? loaded, int? reviewedVersion, bool installAtOnce, CancellationToken cancellationToken)
    {
        string? serverId = null;
        return await WithRetriesAsync(() => serverId, async () =>
        {
            var request = loaded ?? await db.CalRequests.Include(r => r.KeyPack)
                .SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
            loaded = null;
            if (request is null)
            {
                return (IssueOutcome.NotIssuable, false);
            }

            serverId = request.TargetLicenseServerId;
            if (request.KeyPack is { } issued)
            {
                return (IssueOutcome.Issued(issued), false);
            }

            if (!IsIssuable(request) || (reviewedVersion is { } reviewed && request.Version != reviewed))
            {
                return (IssueOutcome.NotIssuable, false);
            }

            var facts = RequestFacts.Of(request);
            var assessment = await rules.AssessAsync(facts, tracked: true, cancellationToken);
            if (assessment.Refusals.Count > 0)
            {
                // Another submission of this same request (a double click) may have committed between the read
                // above and the rules' reads: its own code installed, its own purchase used. Then its key pack is
                // the answer.
                var issuedMeanwhile = await db.KeyPacks.AsNoTracking().SingleOrDefaultAsync(k => k.RequestId == requestId, cancellationToken);
                return (issuedMeanwhile is not null ? IssueOutcome.Issued(issuedMeanwhile) : IssueOutcome.Refused(assessment.Refusals), false);
            }

            var keyPack = Issue(request, facts, assessment, installAtOnce, await ids.NextAsync(IdFormat.KeyPackId, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
            return (IssueOutcome.Issued(keyPack), true);
        }, installAtOnce, cancellationToken, readInWriteTurnOnSqlite: true);
    }

    /// <summary>
    /// Issues a request that is not saved yet — the automatic method, where a license server asks and nobody drafts:
    /// the request, its key pack and (with <paramref name="installAtOnce"/>) the installation are saved in one
    /// transaction, under the same rules as <see cref="TryIssueAsync(Guid, int?, bool, CancellationToken)"/>. A refused
    /// request is not saved at all: the refusal is the whole answer.
    /// </summary>
    /// <param name="request">Complete, not tracked, not in the database (its ID is new).</param>
    /// <param name="targetReadEarlier">
    /// The target server as the caller has just read it, untracked and not to be used by the caller afterwards (the
    /// API's credential check reads it), or null. The first attempt decides on it instead of reading the server again;
    /// its version guards the save, and an attempt after a lost race reads afresh.
    /// </param>
    public async Task<IssueOutcome> TryIssueNewAsync(
        CalRequest request, bool installAtOnce, CancellationToken cancellationToken = default, LicenseServer? targetReadEarlier = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsIssuable(request))
        {
            return IssueOutcome.NotIssuable;
        }

        return await WithRetriesAsync(() => request.TargetLicenseServerId, async () =>
        {
            // What an attempt that lost its race made of the request is made again from what the database holds.
            request.KeyPack = null;
            request.SubmittedAt = null;
            db.CalRequests.Add(request);
            var facts = RequestFacts.Of(request);
            var readEarlier = targetReadEarlier;
            targetReadEarlier = null;
            var assessment = await rules.AssessAsync(facts, tracked: true, cancellationToken, readEarlier);
            if (assessment.Refusals.Count > 0)
            {
                db.ChangeTracker.Clear();
                return (IssueOutcome.Refused(assessment.Refusals), false);
            }

            var keyPack = Issue(request, facts, assessment, installAtOnce, await ids.NextAsync(IdFormat.KeyPackId, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
            return (IssueOutcome.Issued(keyPack), true);
        }, installAtOnce, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="once"/> until it does not lose a race, at most <see cref="MaxAttempts"/> times: a row saved
    /// since it was read (the request by a step post or by another submission that won — whose key pack the next read
    /// returns —, a key pack a migration moves, the target server, a purchase) or a unique key taken first (this
    /// request's key pack, a new license server, a retail license code). Each attempt decides again on what the
    /// database holds then.
    /// </summary>
    /// <param name="readInWriteTurnOnSqlite">
    /// On SQLite, make every attempt's reads in the write transaction it saves in (see
    /// <see cref="InWriteTransactionAsync"/>): for drafted requests, which a desk or a lab's flows submit for one
    /// server side by side.
    /// </param>
    private async Task<IssueOutcome> WithRetriesAsync(
        Func<string?> serverId, Func<Task<(IssueOutcome Outcome, bool IssuedNow)>> once, bool installAtOnce,
        CancellationToken cancellationToken, bool readInWriteTurnOnSqlite = false)
    {
        var inWriteTurn = readInWriteTurnOnSqlite && db.Database.IsSqlite();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (outcome, issuedNow) = inWriteTurn
                    ? await InWriteTransactionAsync(once, cancellationToken)
                    : await AttemptAsync(attempt, serverId(), once, cancellationToken);
                return Counted(outcome, issuedNow, installAtOnce);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException exception) when (attempt < MaxAttempts && DatabaseErrors.IsUniqueViolation(exception))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// One attempt at issuing. The first reads without holding anything up. One after a lost race holds the target
    /// server's row from before its first read to its commit: parallel issuances for one license server (a lab's
    /// scripts, a desk's colleagues) each touch that server's version, and would otherwise go on losing races to each
    /// other until the attempts ran out.
    /// </summary>
    private async Task<(IssueOutcome Outcome, bool IssuedNow)> AttemptAsync(
        int attempt, string? serverId, Func<Task<(IssueOutcome Outcome, bool IssuedNow)>> once, CancellationToken cancellationToken)
    {
        if (attempt == 1 || serverId is null)
        {
            return await once();
        }

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.LicenseServers.Where(s => s.Id == serverId)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.Version, s => s.Version), cancellationToken);
            var result = await once();
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }

    /// <summary>
    /// SQLite: an attempt's reads and its save in one transaction, which holds the database's write lock from BEGIN, so
    /// that no other issuance commits in between. Writers there take turns anyway (decision 0013): an attempt that read
    /// first queued for its turn behind the very issuances that made its reads stale. With eight clients walking Manage
    /// CALs for one server, four first attempts in ten lost their race and were made again; in turn, none does. Not for
    /// the API's requests: there the reads are most of an issuance's work, and holding the turn through them halved
    /// the rate of parallel issuance for sixteen servers.
    /// </summary>
    private async Task<(IssueOutcome Outcome, bool IssuedNow)> InWriteTransactionAsync(
        Func<Task<(IssueOutcome Outcome, bool IssuedNow)>> once, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await once();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private IssueOutcome Counted(IssueOutcome outcome, bool issuedNow, bool installAtOnce)
    {
        if (issuedNow)
        {
            metrics.KeyPackIssued(outcome.KeyPack!);
            if (installAtOnce)
            {
                metrics.KeyPackInstalled(outcome.KeyPack!);
            }
        }

        return outcome;
    }

    /// <summary>Whether a request holds everything its kind needs to issue a key pack.</summary>
    internal static bool IsIssuable(CalRequest request) => request.Kind switch
    {
        RequestKind.ManageCals => CalRequestRules.IsComplete(request),

        // A first installation gives no reason for recovery.
        RequestKind.InstallCals => request.TargetLicenseServerId is not null && request.LicenseProgramCode is not null &&
            CalRequestRules.HasContact(request) && CalRequestRules.HasProgramDetails(request),
        RequestKind.ActivateServer or RequestKind.ReactivateServer => false,
    };

    /// <summary>Makes the key pack and every change that goes with it, for one SaveChanges.</summary>
    private KeyPack Issue(CalRequest request, RequestFacts facts, Assessment assessment, bool installAtOnce, string keyPackId)
    {
        var now = clock.GetUtcNow();
        var serverId = request.TargetLicenseServerId!;
        if (assessment.TargetServer is { } server)
        {
            // Issued only if the server is not reactivated meanwhile: its key packs move to its new ID in one
            // transaction, and one bound to the old ID after that would be stranded.
            Concurrency.Touch(db, server);
        }
        else
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
            Id = keyPackId,
            LicenseServerId = serverId,
            RequestId = request.Id,
            Channel = request.Channel,
            LicenseProgramCode = request.LicenseProgramCode!,
            ProductVersionCode = request.ProductVersionCode!,
            CalTypeCode = request.CalTypeCode!,
            Quantity = request.Quantity!.Value,
            Purpose = request.Kind == RequestKind.InstallCals ? KeyPackPurpose.Install : KeyPackPurpose.Migration,
            PurchaseReference = assessment.PurchaseReference,
            PurchaseId = assessment.Purchases.Count == 1 ? assessment.Purchases[0].Id : null,
            IssuedAt = now,
        };
        db.KeyPacks.Add(keyPack);

        foreach (var moved in assessment.ToMigrate)
        {
            moved.MigratedToKeyPackId = keyPack.Id;
            moved.MigratedAt = now;
        }

        // A code used before is only here in a migration (an install with one is refused): its CALs move to this key
        // pack. A new one is inserted, and its key lets only one of two requests racing with it through.
        var used = assessment.UsedCodes.ToDictionary(c => c.Code, StringComparer.Ordinal);
        foreach (var code in facts.RetailLicenseCodes.Distinct(StringComparer.Ordinal))
        {
            if (used.TryGetValue(code, out var row))
            {
                row.KeyPackId = keyPack.Id;
            }
            else
            {
                db.RetailLicenseCodes.Add(new RetailLicenseCode { Code = code, KeyPackId = keyPack.Id, FirstUsedAt = now });
            }
        }

        foreach (var purchase in assessment.Purchases)
        {
            Concurrency.Touch(db, purchase);
        }

        // Audited in the same SaveChanges as the issuance, so the trail and the key packs cannot disagree.
        audit.Add(AuditActions.KeyPackIssued, keyPack.Id, string.Create(CultureInfo.InvariantCulture,
            $"{request.Kind} {request.Channel}: {keyPack.Quantity} {keyPack.ProductVersionCode} {keyPack.CalTypeCode}, " +
            $"{keyPack.LicenseProgramCode}, server {serverId}, request {request.Id}"));
        foreach (var moved in assessment.ToMigrate)
        {
            audit.Add(AuditActions.KeyPackMigrated, moved.Id, $"to key pack {keyPack.Id}, server {serverId}");
        }

        if (installAtOnce)
        {
            keyPack.Installation = new KeyPackInstallation { KeyPackId = keyPack.Id, LicenseServerId = serverId, InstalledAt = now };
            audit.Add(AuditActions.KeyPackInstalled, keyPack.Id, $"server {serverId}");
        }

        request.SubmittedAt = now;
        request.UpdatedAt = now;
        return keyPack;
    }
}
