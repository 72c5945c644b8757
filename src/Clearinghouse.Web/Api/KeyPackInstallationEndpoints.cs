using System.Globalization;
using Clearinghouse.Web.Licensing;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Clearinghouse.Web.Api;

/// <summary>The body a license server sends with the license key pack ID its administrator typed in.</summary>
/// <param name="KeyPackId">35 characters, with or without hyphens, any case.</param>
public sealed record KeyPackInstallationBody(string? KeyPackId);

/// <summary>A key pack submission: the server (from the route) and what it sent.</summary>
public sealed record KeyPackInstallationRequest(
    [FromRoute(Name = "licenseServerId")] string LicenseServerId,
    [FromBody] KeyPackInstallationBody? Body);

public sealed class KeyPackInstallationRequestValidator : AbstractValidator<KeyPackInstallationRequest>
{
    public KeyPackInstallationRequestValidator()
    {
        // Only the shape: a real server's ID may use the issuing alphabet and still not check out. Whether this is
        // the right server is for the key pack's binding to say (409), not for check characters.
        RuleFor(x => x.LicenseServerId)
            .MustBeWellFormedId(IdFormat.LicenseServerId, "License Server ID", ErrorCodes.MalformedLicenseServerId);
        RuleFor(x => x.Body)
            .NotNull().WithErrorCode(ErrorCodes.InvalidRequest)
            .WithMessage("Send a JSON body with the license key pack ID: {\"keyPackId\": \"…\"}.");
        When(x => x.Body is not null, () =>
            RuleFor(x => x.Body!.KeyPackId)
                .MustBeId(IdFormat.KeyPackId, "license key pack ID", ErrorCodes.MalformedKeyPackId));
    }
}

public static class KeyPackInstallationEndpoints
{
    public static RouteGroupBuilder MapKeyPackInstallations(this RouteGroupBuilder api)
    {
        api.MapPost("/license-servers/{licenseServerId}/key-pack-installations", InstallAsync)
            .RequireServerCredential(onlyWhenServerHasOne: true)
            .WithIdempotency()
            .Validate<KeyPackInstallationRequest>()
            .WithName("InstallKeyPack")
            .WithTags("Key packs")
            .WithSummary("Submit a license key pack ID (web browser or telephone method)")
            .WithDescription(
                "Validates the license key pack ID the license server's administrator typed in and installs its CALs " +
                "on that server. Submitting the same ID again from the same server returns the same answer and does " +
                "not add CALs. The License Server ID in the address is checked for its shape only (35 letters or digits, " +
                "hyphens and spaces ignored): an ID from elsewhere is welcome, and the key pack's binding decides " +
                "whether it is the right server. Refusals are problem details with a stable `code`: " +
                "`malformed-license-server-id` (400, not 35 letters or digits), `malformed-key-pack-id` (400, with the " +
                "`group` at fault), `key-pack-not-found` (404), `key-pack-issued-to-another-server` (409), " +
                "`cal-version-newer-than-server` (409: the key pack's CALs are of a newer product version than the " +
                "server accepts, known from its activation), `license-server-reactivated` (410: the server was " +
                "reactivated and this License Server ID is no longer accepted; its key packs are bound to its new ID, " +
                "so submit from that), `key-pack-migrated` (410: the key pack's CALs were moved to another license " +
                "server by a migration, so it holds none; `migratedAt` says when), `license-server-deactivated` (410). A " +
                "server activated through the API sends its credential (`Authorization: Bearer …`); one from elsewhere, " +
                "or activated on the site or by telephone, calls with its ID alone.")
            .Accepts<KeyPackInstallationBody>("application/json")
            .WithRequestExample(new KeyPackInstallationBody("RFBBQ-K4C68-HQ8KD-VYBM2-8JVHF-DYMM9-PTKFD"))
            .Produces<KeyPackResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);
        return api;
    }

    private static async Task<Results<Ok<KeyPackResponse>, ProblemHttpResult>> InstallAsync(
        HttpContext http, [AsParameters] KeyPackInstallationRequest request, KeyPackInstaller installer,
        CancellationToken cancellationToken)
    {
        // The validation filter has accepted both IDs (the server's for its shape only); parsing again yields their
        // canonical form.
        var serverId = IdFormat.LicenseServerId.Parse(request.LicenseServerId).Value!;
        var keyPackId = IdFormat.KeyPackId.Parse(request.Body!.KeyPackId).Value!;

        // The credential check has just read the server: a repeat submission is answered with one more read, not two.
        var result = await installer.InstallAsync(serverId, keyPackId, http.ServerReadByCredentialCheck(), cancellationToken);
        return result.Outcome == InstallOutcome.Installed
            ? TypedResults.Ok(KeyPackResponse.Of(result.KeyPack!))
            : Refusal(result, serverId, keyPackId);
    }

    /// <summary>Why a key pack was not installed, as problem details (shared with the automatic method's install).</summary>
    internal static ProblemHttpResult Refusal(InstallResult result, string serverId, string keyPackId)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            InstallOutcome.Installed => throw new ArgumentException("The key pack was installed.", nameof(result)),
            InstallOutcome.ServerDeactivated => ApiProblems.ServerDeactivated(serverId),
            InstallOutcome.NotFound => ApiProblems.Problem(
                StatusCodes.Status404NotFound,
                ErrorCodes.KeyPackNotFound,
                "Unknown license key pack ID.",
                $"No license key pack {IdFormat.KeyPackId.Format(keyPackId)} was issued by this clearinghouse. " +
                "Check the ID against the receipt or the page that showed it."),
            InstallOutcome.IssuedToAnotherServer => ApiProblems.Problem(
                StatusCodes.Status409Conflict,
                ErrorCodes.KeyPackIssuedToAnotherServer,
                "The key pack belongs to another license server.",
                $"License key pack {IdFormat.KeyPackId.Format(keyPackId)} was issued for another license server, so " +
                $"{IdFormat.LicenseServerId.Format(serverId)} cannot install it. Request CALs for this server's own " +
                "License Server ID."),
            InstallOutcome.VersionNewerThanServer => ApiProblems.Problem(
                StatusCodes.Status409Conflict,
                ErrorCodes.CalVersionNewerThanServer,
                "The CALs are newer than the license server accepts.",
                $"License key pack {IdFormat.KeyPackId.Format(keyPackId)} holds " +
                $"{Catalogue.FindProductVersion(result.KeyPack!.ProductVersionCode)!.Name} CALs, and license server " +
                $"{IdFormat.LicenseServerId.Format(serverId)} accepts CALs up to " +
                $"{Catalogue.FindProductVersion(result.ServerProductVersionCode)!.Name}. Request CALs of that version or " +
                "older, or install these on a license server that runs a newer version."),

            // 410, not 409: nothing about the key pack would change the answer; this ID is retired for good.
            InstallOutcome.ServerReactivated => ApiProblems.Problem(
                StatusCodes.Status410Gone,
                ErrorCodes.LicenseServerReactivated,
                "The license server was reactivated.",
                $"License Server ID {IdFormat.LicenseServerId.Format(serverId)} was replaced when the license server " +
                "was reactivated, so it is no longer accepted. The server's key packs are bound to its new License " +
                "Server ID: submit the key pack from that."),

            // 410 too: the CALs left this key pack for good. The key pack that holds them now is not named: whoever
            // submits the old one may not be the one who migrated them.
            InstallOutcome.Migrated => ApiProblems.Problem(
                StatusCodes.Status410Gone,
                ErrorCodes.KeyPackMigrated,
                "The key pack's CALs were migrated to another license server.",
                $"The CALs of license key pack {IdFormat.KeyPackId.Format(keyPackId)} were moved to another license " +
                $"server by a migration (Manage CALs) on {Date(result.KeyPack!.MigratedAt)}, so this key pack no longer " +
                "holds any and cannot be installed. They count on the license server they were moved to, under the key " +
                "pack the migration issued; remove this key pack's CALs from this license server if it still has them.",
                new Dictionary<string, object?> { ["migratedAt"] = result.KeyPack.MigratedAt }),
        };
    }

    // The day as every language's readers and tools read it alike (2026-11-28), in UTC like the API's times.
    private static string Date(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}
