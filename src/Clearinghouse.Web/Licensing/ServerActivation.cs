using Clearinghouse.Web.Auditing;
using Clearinghouse.Web.Lab;
using Clearinghouse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Licensing;

/// <summary>What submitting an activation or reactivation came to.</summary>
/// <param name="Server">The license server with its new License Server ID, when <see cref="IssueStatus.Issued"/>.</param>
/// <param name="Refusals">Why not, when <see cref="IssueStatus.Refused"/>: each on the field it concerns.</param>
public sealed record LicenseServerOutcome(IssueStatus Status, LicenseServer? Server, IReadOnlyList<RuleRefusal> Refusals)
{
    public static readonly LicenseServerOutcome NotIssuable = new(IssueStatus.NotIssuable, null, []);

    public static LicenseServerOutcome Issued(LicenseServer server) => new(IssueStatus.Issued, server, []);

    public static LicenseServerOutcome Refused(IReadOnlyList<RuleRefusal> refusals) => new(IssueStatus.Refused, null, refusals);
}

/// <summary>
/// Activates a license server: a submitted "Activate a license server" request (Product ID, operating system, company
/// information) gets a new License Server ID, and the server is registered with the CAL version its operating system
/// accepts.
/// </summary>
public sealed class ServerActivation(ClearinghouseDbContext db, IssuedIds ids, TimeProvider clock, AuditLog audit)
{
    private const int MaxAttempts = 5;

    /// <summary>Activates the server, once; for tests and tools.</summary>
    /// <exception cref="InvalidOperationException">The request does not exist or is not a complete activation.</exception>
    public async Task<LicenseServer> ActivateAsync(Guid requestId, CancellationToken cancellationToken = default)
    {
        var outcome = await TryActivateAsync(requestId, reviewedVersion: null, cancellationToken);
        return outcome.Status == IssueStatus.Issued
            ? outcome.Server!
            : throw new InvalidOperationException($"Request {requestId} does not exist or is not a complete activation.");
    }

    /// <summary>
    /// Issues the request's License Server ID and registers the server, once: submitting again (a refresh, a double
    /// click, two submissions racing) returns the server already registered. Never <see cref="IssueStatus.Refused"/>:
    /// a Product ID comes from Windows, and any well-formed one is taken.
    /// </summary>
    /// <param name="reviewedVersion">
    /// The <see cref="CalRequest.Version"/> the review page showed: a request changed since is not issued
    /// (<see cref="IssueStatus.NotIssuable"/>). Null to issue whatever it holds.
    /// </param>
    /// <remarks>
    /// The server and the request's <see cref="CalRequest.IssuedLicenseServerId"/> and SubmittedAt are saved in one
    /// SaveChanges whose update of the request only applies if its version is still the one read, as
    /// <see cref="KeyPackIssuer.TryIssueAsync"/> does: of two submissions, one registers the server and the other reads
    /// it back.
    /// </remarks>
    /// <param name="credentialHash">
    /// The hash of the API credential the new server is given (<see cref="ServerCredentials"/>); null on the site, which
    /// gives none.
    /// </param>
    public async Task<LicenseServerOutcome> TryActivateAsync(
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

            var now = clock.GetUtcNow();
            var server = new LicenseServer
            {
                Id = await ids.NextAsync(IdFormat.LicenseServerId, cancellationToken),
                IssuedHere = true,
                FirstSeenAt = now,
                ActivatedAt = now,
                ProductId = IdFormat.ProductId.Parse(request.ProductId).Value,
                OperatingSystemCode = request.OperatingSystemCode,
                ProductVersionCode = Catalogue.FindOperatingSystem(request.OperatingSystemCode)!.ProductVersionCode,
                CredentialHash = credentialHash,
            };
            db.LicenseServers.Add(server);
            request.IssuedLicenseServerId = server.Id;
            audit.Add(AuditActions.ServerActivated, server.Id, $"{request.Channel}: {server.OperatingSystemCode}, request {request.Id}");
            request.SubmittedAt = now;
            request.UpdatedAt = now;

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return LicenseServerOutcome.Issued(server);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // A step post or another submission saved the request first: decide again on what it holds now.
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateException exception) when (attempt < MaxAttempts && DatabaseErrors.IsUniqueViolation(exception))
            {
                // Another submission recorded its server for this request first (one ID per request).
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>An activation request holds a well-formed Product ID, a known operating system and the contact.</summary>
    internal static bool IsComplete(CalRequest request) =>
        request.Kind == RequestKind.ActivateServer &&
        IdFormat.ProductId.Parse(request.ProductId).IsWellFormed &&
        Catalogue.FindOperatingSystem(request.OperatingSystemCode) is not null &&
        CalRequestRules.HasContact(request);
}
