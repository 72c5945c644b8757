using System.Security.Cryptography;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Api;

/// <param name="ProductVersion">The newest CAL version the server accepts (from its operating system).</param>
public sealed record ActivationResponse(
    string LicenseServerId, string Credential, string OperatingSystem, string ProductVersion, DateTimeOffset ActivatedAt);

public sealed record ReactivationResponse(
    string LicenseServerId, string Credential, string PreviousLicenseServerId, IReadOnlyList<KeyPackResponse> KeyPacks);

/// <param name="KeyPacks">The key packs left on it (not migrated away): move their CALs with a migration.</param>
public sealed record DeactivationResponse(string LicenseServerId, DateTimeOffset DeactivatedAt, IReadOnlyList<KeyPackResponse> KeyPacks);

public sealed record CalTotal(string ProductVersion, string CalType, int Quantity);

/// <param name="Totals">CALs per product version and CAL type, counting the key packs not migrated away.</param>
public sealed record KeyPacksResponse(string LicenseServerId, IReadOnlyList<KeyPackResponse> KeyPacks, IReadOnlyList<CalTotal> Totals);

/// <summary>
/// The license server's own operations: activation, reactivation, deactivation, CALs requested directly (the automatic
/// connection method) and what it holds. Each is the site's flow without the pages: a request of the same kind is
/// recorded (channel Automatic) and submitted through the same code in Licensing/, so the rules are never written twice.
/// </summary>
public static class LicenseServerEndpoints
{
    private const string Tag = "License servers";

    public static RouteGroupBuilder MapLicenseServers(this RouteGroupBuilder api)
    {
        api.MapPost("/license-servers", ActivateAsync)
            .WithIdempotency()
            .Validate<ActivationBody>()
            .WithName("ActivateLicenseServer")
            .WithTags(Tag)
            .WithSummary("Activate a license server")
            .WithDescription(
                "Product ID, operating system and company information → a new License Server ID and the credential the " +
                "server authenticates with from then on (`Authorization: Bearer …`). The credential is shown this once: " +
                "only its hash is kept. Refusals: `malformed-product-id`, `unknown-operating-system` and the contact " +
                "fields' codes (400, each field under `errors`).")
            .Accepts<ActivationBody>("application/json")
            .WithRequestExample(new ActivationBody("00490-92005-99454-AT527", "windows-server-2022",
                new CompanyBody("Ada", "Okafor", "Contoso Lab", "US", Email: "ada@contoso.example")))
            .Produces<ActivationResponse>(StatusCodes.Status201Created);

        api.MapPost("/license-servers/{licenseServerId}/reactivations", ReactivateAsync)
            .RequireServerCredential()
            .WithIdempotency()
            .Validate<ReactivationBody>()
            .WithName("ReactivateLicenseServer")
            .WithTags(Tag)
            .WithSummary("Reactivate a license server")
            .WithDescription(
                "A reason → a new License Server ID and a new credential; the key packs follow the server to its new ID. " +
                "The old ID is retired: with the old credential it answers 410 `license-server-reactivated`. Refusals: " +
                "`unknown-reason` (400), `license-server-reactivated` / `license-server-deactivated` (410).")
            .Accepts<ReactivationBody>("application/json")
            .WithRequestExample(new ReactivationBody("redeployed"))
            .Produces<ReactivationResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status410Gone);

        api.MapDelete("/license-servers/{licenseServerId}", DeactivateAsync)
            .RequireServerCredential()
            .WithIdempotency()
            .WithName("DeactivateLicenseServer")
            .WithTags(Tag)
            .WithSummary("Deactivate a license server")
            .WithDescription(
                "Retires the License Server ID: afterwards every operation on it answers 410 `license-server-deactivated`, " +
                "and the site refuses it too. The answer lists the key packs left on it, whose CALs a migration can move.")
            .Produces<DeactivationResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status410Gone);

        api.MapPost("/license-servers/{licenseServerId}/cal-requests", RequestCalsAsync)
            .RequireServerCredential()
            .WithIdempotency()
            .Validate<CalRequestBody>()
            .WithName("RequestCals")
            .WithTags(Tag)
            .WithSummary("Request CALs directly (automatic connection method)")
            .WithDescription(
                "A first installation (`kind: install`) or a migration to this server (`kind: migrate`, with its `reason`): " +
                "a key pack is issued under the same rules as the site's and installed on the server at once. A migration " +
                "moves the purchase's CALs from the servers that hold them (marked migrated there). Refusals: the field " +
                "codes (400), `license-code-already-installed`, `cal-version-newer-than-server`, `purchase-not-registered`, " +
                "`purchase-quantity-exceeded` (409), `license-server-reactivated` / `license-server-deactivated` (410).")
            .Accepts<CalRequestBody>("application/json")
            .WithRequestExample(new CalRequestBody(CalRequestBody.Install, Reason: null, SourceLicenseServerId: null,
                "enterprise-agreement", "1234567", LicenseNumber: null, AuthorizationNumber: null, LicenseCodes: null,
                "windows-server-2022", "rds-per-user", 25))
            .Produces<KeyPackResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);

        api.MapGet("/license-servers/{licenseServerId}/key-packs", KeyPacksAsync)
            .RequireServerCredential()
            .WithName("ListKeyPacks")
            .WithTags(Tag)
            .WithSummary("What the license server holds")
            .WithDescription(
                "Every key pack bound to the server — installed, issued and not yet installed, or migrated away (marked " +
                "`migrated`) — and its CALs per product version and CAL type, counting only key packs not migrated away.")
            .Produces<KeyPacksResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status410Gone);

        // Where a cal-request's Location points: a client that follows it gets the key pack it was answered.
        api.MapGet("/license-servers/{licenseServerId}/key-packs/{keyPackId}", KeyPackAsync)
            .RequireServerCredential()
            .WithName("GetKeyPack")
            .WithTags(Tag)
            .WithSummary("One key pack the license server holds")
            .WithDescription(
                "A key pack bound to the server — installed, issued and not yet installed, or migrated away. The address " +
                "a cal-request's `Location` names. Refusals: `malformed-license-server-id`, `malformed-key-pack-id` (400), " +
                "`key-pack-not-found` (404: no such key pack on this server, whether or not another server holds one by " +
                "that ID), `license-server-reactivated` / `license-server-deactivated` (410).")
            .Produces<KeyPackResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        return api;
    }

    private static async Task<Results<Created<ActivationResponse>, ProblemHttpResult>> ActivateAsync(
        ActivationBody? body, ClearinghouseDbContext db, ServerActivation activation, RandomNumberGenerator random,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var request = new CalRequest
        {
            Id = Guid.NewGuid(),
            Channel = RequestChannel.Automatic,
            Kind = RequestKind.ActivateServer,
            CreatedAt = now,
            UpdatedAt = now,
            ProductId = IdFormat.ProductId.Parse(body!.ProductId).Value,
            OperatingSystemCode = body.OperatingSystem,
        };
        body.Company!.ToContactInput().ApplyTo(request);
        db.CalRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);

        var (credential, hash) = ServerCredentials.Create(random);
        var outcome = await activation.TryActivateAsync(request.Id, reviewedVersion: null, cancellationToken, hash);
        var server = outcome.Server ?? throw new InvalidOperationException($"Activation request {request.Id} was not issued: {outcome.Status}.");
        var id = IdFormat.LicenseServerId.Format(server.Id);
        return TypedResults.Created($"{LicenseServerApi.Prefix}/license-servers/{id}",
            new ActivationResponse(id, credential, server.OperatingSystemCode!, server.ProductVersionCode!, server.ActivatedAt!.Value));
    }

    private static async Task<Results<Created<ReactivationResponse>, ProblemHttpResult>> ReactivateAsync(
        HttpContext http, ReactivationBody? body, ClearinghouseDbContext db, ServerReactivation reactivation,
        RandomNumberGenerator random, TimeProvider clock, CancellationToken cancellationToken)
    {
        var old = http.AuthenticatedServer()!;
        if (Retired(old) is { } retired)
        {
            return retired;
        }

        var now = clock.GetUtcNow();
        var request = new CalRequest
        {
            Id = Guid.NewGuid(),
            Channel = RequestChannel.Automatic,
            Kind = RequestKind.ReactivateServer,
            CreatedAt = now,
            UpdatedAt = now,
            TargetLicenseServerId = old.Id,
            ReasonCode = body!.Reason,
        };
        (await ContactOfAsync(db, old.Id, cancellationToken)).ApplyTo(request);
        db.CalRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);

        var (credential, hash) = ServerCredentials.Create(random);
        var outcome = await reactivation.TryReactivateAsync(request.Id, reviewedVersion: null, cancellationToken, hash);
        if (outcome.Status == IssueStatus.Refused)
        {
            await ForgetRefusedAsync(db, request.Id, cancellationToken);
            return ApiProblems.Refused(outcome.Refusals);
        }

        var server = outcome.Server ?? throw new InvalidOperationException($"Reactivation request {request.Id} was not issued.");
        var keyPacks = await KeyPacksOfAsync(db, server.Id, cancellationToken);
        var id = IdFormat.LicenseServerId.Format(server.Id);
        return TypedResults.Created($"{LicenseServerApi.Prefix}/license-servers/{id}",
            new ReactivationResponse(id, credential, IdFormat.LicenseServerId.Format(old.Id), [.. keyPacks.Select(KeyPackResponse.Of)]));
    }

    private static async Task<Results<Ok<DeactivationResponse>, ProblemHttpResult>> DeactivateAsync(
        HttpContext http, ServerDeactivation deactivation, CancellationToken cancellationToken)
    {
        var server = http.AuthenticatedServer()!;
        var result = await deactivation.DeactivateAsync(server.Id, cancellationToken: cancellationToken);
        return result.Outcome switch
        {
            DeactivationOutcome.Deactivated => TypedResults.Ok(new DeactivationResponse(
                IdFormat.LicenseServerId.Format(server.Id), result.Server!.DeactivatedAt!.Value,
                [.. result.KeyPacks.Select(KeyPackResponse.Of)])),
            DeactivationOutcome.Reactivated => ApiProblems.ServerReactivated(server.Id),
            DeactivationOutcome.AlreadyDeactivated or DeactivationOutcome.NotFound => ApiProblems.ServerDeactivated(server.Id),
        };
    }

    private static async Task<Results<Created<KeyPackResponse>, ProblemHttpResult>> RequestCalsAsync(
        HttpContext http, CalRequestBody? body, ClearinghouseDbContext db, KeyPackIssuer issuer,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var server = http.AuthenticatedServer()!;
        if (Retired(server) is { } retired)
        {
            return retired;
        }

        var now = clock.GetUtcNow();
        var request = new CalRequest
        {
            Id = Guid.NewGuid(),
            Channel = RequestChannel.Automatic,
            Kind = body!.RequestKind,
            CreatedAt = now,
            UpdatedAt = now,
            TargetLicenseServerId = server.Id,
            ReasonCode = body.RequestKind == RequestKind.ManageCals ? body.Reason : null,
            LicenseProgramCode = body.LicenseProgram,
        };

        // Who asks is who activated the server: its activation (or last reactivation) request holds the contact.
        (await ContactOfAsync(db, server.Id, cancellationToken)).ApplyTo(request);
        body.ToProgramInput().ApplyTo(request);

        // Saved with its key pack, installed at once, in one transaction: the server asked for the CALs itself, so
        // nobody has to type the key pack's ID, and there is no moment at which it is issued but not installed. A
        // refused request is not kept: the refusal is the whole answer.
        // The credential check has just read the server: the first attempt decides on that read (its version guards
        // the save) instead of reading it again.
        var outcome = await issuer.TryIssueNewAsync(request, installAtOnce: true, cancellationToken, targetReadEarlier: server);
        if (outcome.Status == IssueStatus.Refused)
        {
            return ApiProblems.Refused(outcome.Refusals);
        }

        var keyPack = outcome.KeyPack ?? throw new InvalidOperationException($"CAL request {request.Id} was not complete.");
        var response = KeyPackResponse.Of(keyPack);
        return TypedResults.Created(
            $"{LicenseServerApi.Prefix}/license-servers/{response.LicenseServerId}/key-packs/{response.KeyPackId}", response);
    }

    /// <summary>
    /// Removes a request the rules refused. The API records a request only to submit it through the site's code; one
    /// that is refused was never taken, so the refusal is the whole answer and no half-made request is left behind
    /// (the site's own drafts are kept: a person goes on to correct them). Only while nothing was issued for it.
    /// </summary>
    private static Task ForgetRefusedAsync(ClearinghouseDbContext db, Guid requestId, CancellationToken cancellationToken) =>
        db.CalRequests
            .Where(r => r.Id == requestId && r.SubmittedAt == null && r.IssuedLicenseServerId == null && r.KeyPack == null)
            .ExecuteDeleteAsync(cancellationToken);

    private static async Task<Results<Ok<KeyPacksResponse>, ProblemHttpResult>> KeyPacksAsync(
        HttpContext http, ClearinghouseDbContext db, CancellationToken cancellationToken)
    {
        var server = http.AuthenticatedServer()!;
        if (Retired(server) is { } retired)
        {
            return retired;
        }

        var keyPacks = await KeyPacksOfAsync(db, server.Id, cancellationToken);
        var totals = keyPacks.Where(k => k.MigratedToKeyPackId is null)
            .GroupBy(k => (k.ProductVersionCode, k.CalTypeCode))
            .Select(g => new CalTotal(g.Key.ProductVersionCode, g.Key.CalTypeCode, g.Sum(k => k.Quantity)))
            .OrderBy(t => Catalogue.FindProductVersion(t.ProductVersion)?.Rank).ThenBy(t => Catalogue.FindCalType(t.CalType)?.SortOrder)
            .ToList();
        return TypedResults.Ok(new KeyPacksResponse(
            IdFormat.LicenseServerId.Format(server.Id), [.. keyPacks.Select(KeyPackResponse.Of)], totals));
    }

    private static async Task<Results<Ok<KeyPackResponse>, ProblemHttpResult>> KeyPackAsync(
        HttpContext http, string keyPackId, ClearinghouseDbContext db, CancellationToken cancellationToken)
    {
        var server = http.AuthenticatedServer()!;
        if (Retired(server) is { } retired)
        {
            return retired;
        }

        // Checked as key-pack-installations checks it: key packs are issued here, so their groups must check out.
        var parsed = IdFormat.KeyPackId.Parse(keyPackId, "license key pack ID");
        if (parsed.Error is { } error)
        {
            var extensions = new Dictionary<string, object?> { ["field"] = "keyPackId" };
            if (error.Group is { } group)
            {
                extensions["group"] = group;
            }

            if (error.Position is { } position)
            {
                extensions["position"] = position;
            }

            return ApiProblems.Problem(StatusCodes.Status400BadRequest, ErrorCodes.MalformedKeyPackId,
                "The license key pack ID is not valid.", error.Message, extensions);
        }

        // Looked up on this server only: another server's key pack is as unknown here as one never issued.
        var id = parsed.Value!;
        var keyPack = await db.KeyPacks.AsNoTracking().Include(k => k.Installation)
            .SingleOrDefaultAsync(k => k.Id == id && k.LicenseServerId == server.Id, cancellationToken);
        return keyPack is null
            ? ApiProblems.Problem(StatusCodes.Status404NotFound, ErrorCodes.KeyPackNotFound, "Unknown license key pack ID.",
                $"License server {IdFormat.LicenseServerId.Format(server.Id)} holds no license key pack " +
                $"{IdFormat.KeyPackId.Format(id)}. GET its key-packs lists the ones it holds.")
            : TypedResults.Ok(KeyPackResponse.Of(keyPack));
    }

    /// <summary>410 for a server whose ID was retired by a reactivation or a deactivation.</summary>
    private static ProblemHttpResult? Retired(LicenseServer server) =>
        server.ReplacedById is not null ? ApiProblems.ServerReactivated(server.Id)
        : server.DeactivatedAt is not null ? ApiProblems.ServerDeactivated(server.Id)
        : null;

    private static Task<List<KeyPack>> KeyPacksOfAsync(ClearinghouseDbContext db, string serverId, CancellationToken cancellationToken) =>
        db.KeyPacks.AsNoTracking().Include(k => k.Installation)
            .Where(k => k.LicenseServerId == serverId)
            .OrderBy(k => k.IssuedAt).ThenBy(k => k.Id)
            .ToListAsync(cancellationToken);

    /// <summary>The contact of the request that gave the server its ID (activation or reactivation).</summary>
    private static async Task<ContactInput> ContactOfAsync(ClearinghouseDbContext db, string serverId, CancellationToken cancellationToken)
    {
        var issuing = await HotQueries.RequestThatIssuedServerAsync(db, serverId, cancellationToken);
        return issuing is null
            ? throw new InvalidOperationException($"License server {serverId} holds a credential but no request issued it.")
            : ContactInput.From(issuing);
    }
}
