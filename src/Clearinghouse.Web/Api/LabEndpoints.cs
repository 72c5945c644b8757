using System.Security.Claims;
using System.Text;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Lab;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Resources;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Api;

/// <param name="Mode"><c>lenient</c>, <c>strict</c>, or null for the configured mode (<c>Licensing:Mode</c>).</param>
public sealed record LabModeBody(string? Mode);

/// <param name="Confirm">Must be <c>reset</c>: a reset cannot be undone.</param>
public sealed record LabResetBody(string? Confirm);

public sealed record LabPhoneNumberBody(string? PhoneNumber);

/// <param name="Mode">The lab's choice, null when it follows configuration.</param>
/// <param name="EffectiveMode">The mode in force.</param>
/// <param name="IdSeed">Null for random IDs.</param>
/// <param name="IdsDrawn">How many IDs the seed's sequence has given; the next is number IdsDrawn + 1.</param>
public sealed record LabSettingsResponse(
    string? Mode, string ConfiguredMode, string EffectiveMode, string? IdSeed, long IdsDrawn, FaultSettings Faults);

public sealed record LabResetResponse(int LicenseServers, int Requests, int KeyPacks, int Installations, int Purchases);

public sealed record LabCountryResponse(string Code, string Name, string CallingCode, string PhoneNumber);

public sealed record LabKeyPackResponse(
    string KeyPackId, string LicenseServerId, string LicenseProgram, string ProductVersion, string CalType, int Quantity,
    string Channel, string Purpose, string? Purchase, DateTimeOffset IssuedAt, string Status, DateTimeOffset? InstalledAt,
    string? MigratedTo, DateTimeOffset? MigratedAt);

public sealed record LabKeyPacksResponse(IReadOnlyList<LabKeyPackResponse> KeyPacks, int Total, int Page, int PageSize, int PageCount);

public sealed class LabModeBodyValidator : AbstractValidator<LabModeBody>
{
    public LabModeBodyValidator() =>
        RuleFor(x => x.Mode).Must(mode => mode is null || LabEndpoints.ParseMode(mode) is not null)
            .WithMessage("The mode must be \"lenient\", \"strict\", or null for the configured mode.")
            .WithErrorCode(ErrorCodes.UnknownLicensingMode);
}

public sealed class LabResetBodyValidator : AbstractValidator<LabResetBody>
{
    public LabResetBodyValidator() =>
        RuleFor(x => x.Confirm).Equal("reset", StringComparer.Ordinal)
            .WithMessage("A reset removes the lab's license servers, requests, key packs and purchases and cannot be undone: send {\"confirm\": \"reset\"}.")
            .WithErrorCode(ErrorCodes.ResetNotConfirmed);
}

/// <summary>
/// Lab administration for lab scripts, under /api/v1/lab: the pages' operations with a lab API key (made on
/// /lab/api-keys) in <c>X-Lab-Api-Key</c> or <c>Authorization: Bearer</c>. A key acts for the lab administrator who
/// made it — what it changes is in the audit trail under that account — and stops working when it is revoked or the
/// account is disabled or no longer a lab administrator. Fault injection never applies here.
/// </summary>
public static class LabEndpoints
{
    public const string Prefix = LicenseServerApi.Prefix + "/lab";

    public const string KeyHeader = "X-Lab-Api-Key";

    private const string Tag = "Lab administration";

    public static RouteGroupBuilder MapLab(this RouteGroupBuilder api)
    {
        var lab = api.MapGroup("/lab")
            .AddEndpointFilter(AuthenticateAsync)
            .WithTags(Tag)
            .WithMetadata(new RequiresLabApiKey())
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        lab.MapGet("/settings", GetSettingsAsync).WithName("GetLabSettings")
            .WithSummary("The lab's settings: licensing mode, ID seed, fault injection")
            .Produces<LabSettingsResponse>();

        lab.MapPut("/mode", SetModeAsync).Validate<LabModeBody>().WithName("SetLabMode")
            .WithSummary("Switch lenient/strict")
            .WithDescription("Takes effect at once on this instance and within two seconds on the others. `null` goes back " +
                "to the configured mode. Refusal: `unknown-licensing-mode` (400).")
            .Accepts<LabModeBody>("application/json").WithRequestExample(new LabModeBody("strict"))
            .Produces<LabSettingsResponse>();

        lab.MapPut("/id-seed", SetIdSeedAsync).Validate<IdSeedInput>().WithName("SetLabIdSeed")
            .WithSummary("Set (or clear) the deterministic ID seed")
            .WithDescription("With a seed, the n-th ID issued after this call (License Server IDs, key pack IDs, " +
                "confirmation codes, counted together from 1) is derived from HMAC-SHA256(seed, n): see README, \"Lab " +
                "administration\". Setting it, even to the same value, restarts the sequence; so does a reset. `null` for " +
                "random IDs. Refusals: `lab-seed-too-long`, `forbidden-character` (400).")
            .Accepts<IdSeedInput>("application/json").WithRequestExample(new IdSeedInput("lab-42"))
            .Produces<LabSettingsResponse>();

        lab.MapPut("/faults", SetFaultsAsync).Validate<FaultSettings>().WithName("SetLabFaults")
            .WithSummary("Fault injection on the license-server API")
            .WithDescription("Every /api/v1 call (not /api/v1/lab) waits `delayMilliseconds`, then is answered 503 " +
                "`service-unavailable` with Retry-After while `outageFrom` ≤ now < `outageTo` (UTC), or at random with " +
                "probability `errorRate`. All zero/null switches it off. Refusals: `lab-delay-out-of-range`, " +
                "`lab-error-rate-out-of-range`, `lab-outage-incomplete`, `lab-outage-ends-before-start` (400).")
            .Accepts<FaultSettings>("application/json").WithRequestExample(new FaultSettings(200, 0.25, null, null))
            .Produces<LabSettingsResponse>();

        lab.MapPost("/reset", ResetAsync).Validate<LabResetBody>().WithName("ResetLab")
            .WithSummary("Reset the lab's data")
            .WithDescription("Removes license servers, requests, key packs, installations, used license codes, registered " +
                "purchases and remembered idempotent answers; restarts the ID seed's sequence. Keeps accounts, lab API " +
                "keys, the audit trail (which records the reset), settings and phone numbers. Refusal: `reset-not-confirmed` (400).")
            .Accepts<LabResetBody>("application/json").WithRequestExample(new LabResetBody("reset"))
            .Produces<LabResetResponse>();

        lab.MapGet("/countries", CountriesAsync).WithName("ListLabCountries")
            .WithSummary("Countries and regions with their telephone numbers")
            .Produces<IReadOnlyList<LabCountryResponse>>();

        lab.MapPut("/countries/{code}/phone-number", SetPhoneNumberAsync).WithName("SetLabPhoneNumber")
            .WithSummary("Change the telephone number shown for a country or region")
            .WithDescription("International format: a plus sign and 7 to 15 digits, grouped by spaces, hyphens, dots or " +
                "parentheses. Refusals: `malformed-phone`, `missing-value` (400), `unknown-country-region` (404).")
            .Accepts<LabPhoneNumberBody>("application/json").WithRequestExample(new LabPhoneNumberBody("+1 425 555 0100"))
            .Produces<LabCountryResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        lab.MapGet("/key-packs", KeyPacksAsync).WithName("ListLabKeyPacks")
            .WithSummary("Issued key packs and their installations, filtered and paged")
            .WithDescription("Filters, each optional: `server` (License Server ID), `program`, `version` (catalogue codes), " +
                "`channel` (web, telephone, automatic), `status` (issued, installed, migrated), `from` and `to` (days of " +
                "issue, yyyy-MM-dd UTC, both included); `page` from 1, 50 a page, newest first. Refusal: `malformed-lab-filter` (400).")
            .Produces<LabKeyPacksResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        lab.MapGet("/key-packs.csv", KeyPacksCsvAsync).WithName("ExportLabKeyPacks")
            .WithSummary("The same list as CSV (RFC 4180, UTF-8, all pages)")
            .WithDescription("The filters of `key-packs`. A cell starting with = + - or @ gets a leading apostrophe so that " +
                "a spreadsheet does not take it as a formula. At most 100,000 rows.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    internal static LicensingMode? ParseMode(string mode) => mode.ToUpperInvariant() switch
    {
        "LENIENT" => LicensingMode.Lenient,
        "STRICT" => LicensingMode.Strict,
        _ => null,
    };

    private static async Task<Ok<LabSettingsResponse>> GetSettingsAsync(LabAdministrator admin, LabState state, ClearinghouseDbContext db,
        CancellationToken cancellationToken) => TypedResults.Ok(await SettingsAsync(admin, state, db, cancellationToken));

    private static async Task<Ok<LabSettingsResponse>> SetModeAsync(LabModeBody body, LabAdministrator admin, LabState state,
        ClearinghouseDbContext db, CancellationToken cancellationToken)
    {
        await admin.SetModeAsync(body.Mode is null ? null : ParseMode(body.Mode), cancellationToken);
        return TypedResults.Ok(await SettingsAsync(admin, state, db, cancellationToken));
    }

    private static async Task<Ok<LabSettingsResponse>> SetIdSeedAsync(IdSeedInput body, LabAdministrator admin, LabState state,
        ClearinghouseDbContext db, CancellationToken cancellationToken)
    {
        await admin.SetIdSeedAsync(body.Seed, cancellationToken);
        return TypedResults.Ok(await SettingsAsync(admin, state, db, cancellationToken));
    }

    private static async Task<Ok<LabSettingsResponse>> SetFaultsAsync(FaultSettings body, LabAdministrator admin, LabState state,
        ClearinghouseDbContext db, CancellationToken cancellationToken)
    {
        await admin.SetFaultsAsync(body, cancellationToken);
        return TypedResults.Ok(await SettingsAsync(admin, state, db, cancellationToken));
    }

    private static async Task<Ok<LabResetResponse>> ResetAsync(LabResetBody body, LabAdministrator admin, CancellationToken cancellationToken)
    {
        var counts = await admin.ResetAsync(cancellationToken);
        return TypedResults.Ok(new LabResetResponse(counts.LicenseServers, counts.Requests, counts.KeyPacks, counts.Installations, counts.Purchases));
    }

    private static async Task<Ok<List<LabCountryResponse>>> CountriesAsync(ClearinghouseDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.CountriesRegions.AsNoTracking().OrderBy(c => c.Code)
            .Select(c => new LabCountryResponse(c.Code, c.Name, c.CallingCode, c.PhoneNumber)).ToListAsync(cancellationToken));

    private static async Task<Results<Ok<LabCountryResponse>, ProblemHttpResult>> SetPhoneNumberAsync(
        string code, LabPhoneNumberBody body, IValidator<PhoneNumberInput> validator, LabAdministrator admin, ClearinghouseDbContext db,
        CancellationToken cancellationToken)
    {
        var input = new PhoneNumberInput(code.ToUpperInvariant(), body.PhoneNumber);
        var result = await validator.ValidateAsync(input, cancellationToken);
        if (result.Errors.FirstOrDefault(e => e.PropertyName == nameof(PhoneNumberInput.CountryRegionCode)) is { } unknown)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, ErrorCodes.UnknownCountryRegion,
                "There is no such country or region.", unknown.ErrorMessage);
        }

        if (!result.IsValid)
        {
            return ApiProblems.Invalid(result.Errors);
        }

        await admin.SetPhoneNumberAsync(input.CountryRegionCode!, PhoneNumbers.Normalize(input.PhoneNumber!), cancellationToken);
        var row = await db.CountriesRegions.AsNoTracking().SingleAsync(c => c.Code == input.CountryRegionCode, cancellationToken);
        return TypedResults.Ok(new LabCountryResponse(row.Code, row.Name, row.CallingCode, row.PhoneNumber));
    }

    private static async Task<Results<Ok<LabKeyPacksResponse>, ProblemHttpResult>> KeyPacksAsync(
        [AsParameters] IssuedFilterQuery query, IssuedListing listing, CancellationToken cancellationToken)
    {
        var (filter, errors) = query.ToFilter().Parse();
        if (filter is null)
        {
            return FilterProblem(errors);
        }

        var page = await listing.PageAsync(filter, query.Page ?? 1, cancellationToken);
        return TypedResults.Ok(new LabKeyPacksResponse([.. page.Rows.Select(Response)], page.Total, page.Page, page.PageSize, page.PageCount));
    }

    private static async Task<IResult> KeyPacksCsvAsync([AsParameters] IssuedFilterQuery query, IssuedListing listing,
        CancellationToken cancellationToken)
    {
        var (filter, errors) = query.ToFilter().Parse();
        if (filter is null)
        {
            return FilterProblem(errors);
        }

        var csv = Csv.Of(await listing.AllAsync(filter, cancellationToken));
        return TypedResults.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", "key-packs.csv");
    }

    private static ProblemHttpResult FilterProblem(IReadOnlyList<(string Field, string Message)> errors) =>
        ApiProblems.Problem(StatusCodes.Status400BadRequest, ErrorCodes.MalformedLabFilter, "A filter is not valid.", errors[0].Message,
            new Dictionary<string, object?>
            {
                ["field"] = errors[0].Field.ToLowerInvariant(),
                ["errors"] = errors.GroupBy(e => e.Field.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            });

    private static LabKeyPackResponse Response(IssuedRow row) => new(
        IdFormat.KeyPackId.Format(row.KeyPackId), IdFormat.LicenseServerId.Format(row.LicenseServerId), row.LicenseProgramCode,
        row.ProductVersionCode, row.CalTypeCode, row.Quantity, row.Channel.ToString().ToLowerInvariant(),
        row.Purpose.ToString().ToLowerInvariant(), row.PurchaseReference, row.IssuedAt, row.Status.ToString().ToLowerInvariant(),
        row.InstalledAt, row.MigratedToKeyPackId is { } to ? IdFormat.KeyPackId.Format(to) : null, row.MigratedAt);

    private static async Task<LabSettingsResponse> SettingsAsync(LabAdministrator admin, LabState state, ClearinghouseDbContext db,
        CancellationToken cancellationToken)
    {
        var settings = await admin.ReadSettingsAsync(cancellationToken);
        var drawn = await db.LabSettings.AsNoTracking().Where(s => s.Id == LabSettings.SingletonId).Select(s => s.IdsDrawn)
            .FirstOrDefaultAsync(cancellationToken);
        return new LabSettingsResponse(Name(settings.Mode), Name(state.ConfiguredMode)!, Name(settings.Mode ?? state.ConfiguredMode)!,
            settings.IdSeed, drawn, FaultSettings.Of(settings));
    }

    private static string? Name(LicensingMode? mode) => mode?.ToString().ToLowerInvariant();

    /// <summary>
    /// The key in <c>X-Lab-Api-Key</c> or <c>Authorization: Bearer</c>, of a lab administrator whose account is enabled:
    /// the request then acts as that account (its e-mail address is the audit trail's actor). 401 for anything else,
    /// one answer for every reason.
    /// </summary>
    private static async ValueTask<object?> AuthenticateAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[KeyHeader].ToString();
        if (key.Length == 0)
        {
            var authorization = http.Request.Headers.Authorization.ToString();
            key = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : "";
        }

        if (key.Length is > 0 and <= 200)
        {
            var hash = ServerCredentials.Hash(key);
            var db = http.RequestServices.GetRequiredService<ClearinghouseDbContext>();
            var owner = await (
                from k in db.LabApiKeys.AsNoTracking()
                join u in db.Users.AsNoTracking() on k.UserId equals u.Id
                where k.Hash == hash && k.RevokedAt == null && u.DisabledAt == null &&
                    db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.LabAdministrator))
                select new { u.Id, u.Email, k.Name }).SingleOrDefaultAsync(http.RequestAborted);
            if (owner is not null)
            {
                http.User = new ClaimsPrincipal(new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.NameIdentifier, owner.Id),
                    new Claim(ClaimTypes.Name, owner.Email ?? owner.Id),
                    new Claim(ClaimTypes.Role, Roles.LabAdministrator),
                ], LabApiKeys.AuthenticationType));
                return await next(context);
            }
        }

        http.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblems.Problem(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "Not authenticated.",
            $"Send a lab API key in {KeyHeader} (or Authorization: Bearer). A lab administrator makes one on /lab/api-keys; " +
            "it stops working when revoked or when that account is disabled.");
    }
}

/// <summary>Marks the lab's operations (for the Swagger security requirement).</summary>
public sealed record RequiresLabApiKey;

/// <summary>The key-pack list's filters as query-string parameters.</summary>
public sealed record IssuedFilterQuery(string? Server, string? Program, string? Version, string? Channel, string? Status,
    string? From, string? To, int? Page)
{
    public IssuedFilter ToFilter() => new()
    {
        Server = Server, Program = Program, Version = Version, Channel = Channel, Status = Status, From = From, To = To,
    };
}

public static class LabApiKeys
{
    /// <summary>How every lab API key starts, so that one pasted somewhere is recognisable.</summary>
    public const string Prefix = "chlab_";

    public const string AuthenticationType = "LabApiKey";
}
