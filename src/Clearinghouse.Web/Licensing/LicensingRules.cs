using Clearinghouse.Web.Data;
using Clearinghouse.Web.Resources;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Licensing;

/// <summary>A rule of the clearinghouse that refuses a request as it stands.</summary>
/// <param name="Field">
/// The <see cref="CalRequest"/> property the refusal is about (e.g. <c>nameof(CalRequest.TargetLicenseServerId)</c>,
/// <c>nameof(CalRequest.RetailLicenseCodes)</c>, <c>nameof(CalRequest.Quantity)</c>), so that a page shows it on the
/// step, next to the field, where it can be put right.
/// </param>
/// <param name="Code">The stable code (<see cref="ErrorCodes"/>).</param>
/// <param name="Message">
/// What is wrong and how to put it right, for the person, in the language of the request that checked it (the API's is
/// English).
/// </param>
/// <param name="Position">
/// Which of the request's retail license codes it is about, from 1, in the order entered (the message names it as
/// "License code 2"); null for a refusal about the request as a whole or one field.
/// </param>
public sealed record RuleRefusal(string Field, string Code, string Message, int? Position = null);

/// <summary>
/// What the rules look at in a request for CALs (Manage CALs or Install client access licenses), all canonical. A draft
/// has only some of it: each rule checks what is there.
/// </summary>
public sealed record RequestFacts
{
    public RequestKind Kind { get; init; }

    public string? TargetLicenseServerId { get; init; }

    public string? LicenseProgramCode { get; init; }

    public string? AgreementNumber { get; init; }

    public string? OpenLicenseNumber { get; init; }

    public string? OpenLicenseAuthorizationNumber { get; init; }

    /// <summary>Canonical retail license codes, in the order entered.</summary>
    public IReadOnlyList<string> RetailLicenseCodes { get; init; } = [];

    public string? ProductVersionCode { get; init; }

    public string? CalTypeCode { get; init; }

    public int? Quantity { get; init; }

    public static RequestFacts Of(CalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new RequestFacts
        {
            Kind = request.Kind,
            TargetLicenseServerId = request.TargetLicenseServerId,
            LicenseProgramCode = request.LicenseProgramCode,
            AgreementNumber = request.AgreementNumber,
            OpenLicenseNumber = request.OpenLicenseNumber,
            OpenLicenseAuthorizationNumber = request.OpenLicenseAuthorizationNumber,
            RetailLicenseCodes = CalRequestRules.RetailLicenseCodesOf(request),
            ProductVersionCode = request.ProductVersionCode,
            CalTypeCode = request.CalTypeCode,
            Quantity = request.Quantity,
        };
    }
}

/// <summary>
/// The rules the clearinghouse enforces on a request for CALs (DESIGN.md, "Rules the clearinghouse enforces"), in one
/// place: the site's steps call <see cref="CheckTargetServerAsync"/> and <see cref="CheckAsync"/> to refuse early, on the
/// step where the person can put it right, and <see cref="KeyPackIssuer"/> checks them all again when it issues — in
/// the transaction that issues, so that what two requests racing both passed here is decided by the database there.
/// </summary>
public sealed class LicensingRules(ClearinghouseDbContext db, LicensingModeSource modes)
{
    private LicensingMode Mode => modes.Current;

    /// <summary>
    /// Whether CALs can be issued for <paramref name="licenseServerId"/>, or the server reactivated: not when it was
    /// reactivated since (it has a new ID) or deactivated, nor in strict mode when it was not activated here. Null when it can.
    /// </summary>
    /// <param name="licenseServerId">Canonical: 35 upper-case characters, no separators.</param>
    public async Task<RuleRefusal?> CheckTargetServerAsync(string licenseServerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(licenseServerId);
        var server = await HotQueries.ServerByIdAsync(db, licenseServerId, cancellationToken);
        return TargetServerRefusal(server);
    }

    /// <summary>
    /// Every rule that refuses <paramref name="facts"/> as they stand, in the order of the steps (target server, then
    /// proof of purchase, then quantity); empty when none does. Rules whose facts are still missing are not checked.
    /// </summary>
    public async Task<IReadOnlyList<RuleRefusal>> CheckAsync(RequestFacts facts, CancellationToken cancellationToken = default) =>
        (await AssessAsync(facts, tracked: false, cancellationToken)).Refusals;

    /// <summary>
    /// The rules' verdict on <paramref name="facts"/>, and what issuing them would change: the target server, the
    /// registered purchases counted (strict mode), the key packs a migration moves, the retail codes already used.
    /// </summary>
    /// <param name="tracked">
    /// Load what is found tracked, for the issuer to change and save in one transaction. Untracked (a check, for its
    /// refusals only) leaves out what no refusal depends on: <see cref="Assessment.ToMigrate"/> is then incomplete.
    /// </param>
    /// <param name="readEarlier">
    /// The target server as this request has already read it (untracked), or null. With <paramref name="tracked"/> it is
    /// attached instead of read again: its version, as read, guards the issuer's save, so a decision taken on a server
    /// that changed since makes the save fail and the issuer decide again on a fresh read.
    /// </param>
    internal async Task<Assessment> AssessAsync(
        RequestFacts facts, bool tracked, CancellationToken cancellationToken, LicenseServer? readEarlier = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var assessment = new Assessment();

        if (facts.TargetLicenseServerId is { } serverId)
        {
            assessment.TargetServer = tracked && readEarlier?.Id == serverId
                ? db.LicenseServers.Attach(readEarlier).Entity
                : tracked
                    ? await HotQueries.TrackedServerByIdAsync(db, serverId, cancellationToken)
                    : await HotQueries.ServerByIdAsync(db, serverId, cancellationToken);
            assessment.Add(TargetServerRefusal(assessment.TargetServer));
            assessment.Add(VersionRefusal(assessment.TargetServer, facts.ProductVersionCode));
        }

        var program = Catalogue.FindProgram(facts.LicenseProgramCode);
        if (program?.Kind == ProgramKind.RetailPurchase)
        {
            await AssessRetailCodesAsync(facts, program, tracked, assessment, cancellationToken);
        }
        else if (program is not null)
        {
            await AssessPurchaseAsync(facts, program, tracked, assessment, cancellationToken);
        }

        return assessment;
    }

    /// <summary>The rule on a server that CALs are requested for, or that is to be reactivated.</summary>
    internal RuleRefusal? TargetServerRefusal(LicenseServer? server)
    {
        if (server?.ReplacedById is not null)
        {
            // The new ID is not given: whoever types the old one may not be the one who reactivated the server.
            return new RuleRefusal(nameof(CalRequest.TargetLicenseServerId), ErrorCodes.LicenseServerReactivated,
                Texts.Get("Rules.LicenseServerReactivated"));
        }

        if (server?.DeactivatedAt is not null)
        {
            return new RuleRefusal(nameof(CalRequest.TargetLicenseServerId), ErrorCodes.LicenseServerDeactivated,
                Texts.Get("Rules.LicenseServerDeactivated"));
        }

        if (Mode == LicensingMode.Strict && server?.ActivatedAt is null)
        {
            return new RuleRefusal(nameof(CalRequest.TargetLicenseServerId), ErrorCodes.LicenseServerNotActivated,
                Texts.Get("Rules.LicenseServerNotActivated"));
        }

        return null;
    }

    /// <summary>A license server accepts CALs of its own version or older, when its version is known.</summary>
    internal static RuleRefusal? VersionRefusal(LicenseServer? server, string? productVersionCode)
    {
        if (!Catalogue.IsNewerThan(productVersionCode, server?.ProductVersionCode))
        {
            return null;
        }

        var serverVersion = Catalogue.FindProductVersion(server!.ProductVersionCode)!;
        var calVersion = CatalogueNames.ProductVersion(productVersionCode);

        // What the server runs, as its administrator knows it ("Windows Server 2012 R2"); its CAL version otherwise.
        var runs = CatalogueNames.OperatingSystem(server.OperatingSystemCode) ?? CatalogueNames.Of(serverVersion);

        // "Choose Windows Server 2008 R2 and earlier or earlier" would say nothing: there is no older version to offer.
        var oldest = Catalogue.ProductVersions.All(v => v.Rank >= serverVersion.Rank);
        return new RuleRefusal(nameof(CalRequest.ProductVersionCode), ErrorCodes.CalVersionNewerThanServer,
            Texts.Get(oldest ? "Rules.CalVersionNewerThanServer.Oldest" : "Rules.CalVersionNewerThanServer",
                calVersion, runs, CatalogueNames.Of(serverVersion)));
    }

    /// <summary>An agreement or Open License: what a migration moves, and in strict mode the registered purchase.</summary>
    private async Task AssessPurchaseAsync(
        RequestFacts facts, LicenseProgram program, bool tracked, Assessment assessment, CancellationToken cancellationToken)
    {
        if (PurchaseReferences.RegisteredReferenceOf(facts) is not { } reference ||
            facts.ProductVersionCode is not { } version || facts.CalTypeCode is not { } calType)
        {
            return;
        }

        var canonical = PurchaseReferences.Canonical(program.Code, reference);
        assessment.PurchaseReference = canonical;

        // The purchase is read before its key packs: a key pack issued against it after this read moves its version
        // on, so the total read next is never older than the version that will guard the save.
        var purchase = Mode == LicensingMode.Strict
            ? await Query(db.Purchases, tracked).SingleOrDefaultAsync(
                p => p.LicenseProgramCode == program.Code && p.Reference == reference && p.ProductVersionCode == version &&
                    p.CalTypeCode == calType,
                cancellationToken)
            : null;

        // The purchase's active key packs: a lab may issue thousands against one agreement, so they are never all read.
        var active = Query(db.KeyPacks, tracked).Where(k => k.PurchaseReference == canonical && k.ProductVersionCode == version &&
            k.CalTypeCode == calType && k.MigratedToKeyPackId == null);

        // What a migration moves is for the issuer to change, and in strict mode counts no more against the purchase; a
        // check in lenient mode (a step's advice) refuses nothing on it, so it does not read it.
        if (facts.Kind == RequestKind.ManageCals && facts.Quantity is { } asked && (tracked || Mode == LicensingMode.Strict))
        {
            // Migration moves CALs: the purchase's key packs on other servers, oldest first, until they cover what is
            // asked for. A key pack moves whole; one moved is marked and counts no more, so no CAL is counted twice.
            // Read one by one and no further than needed: the servers before the target and those after it, two seeks
            // in the index, so the key packs the target holds already (a lab migrates to one server again and again)
            // are never walked.
            var moved = 0;
            var target = facts.TargetLicenseServerId ?? string.Empty;
            var others = active.Where(k => string.Compare(k.LicenseServerId, target) < 0)
                .Concat(active.Where(k => string.Compare(k.LicenseServerId, target) > 0))
                .OrderBy(k => k.IssuedAt).ThenBy(k => k.Id)
                .AsAsyncEnumerable();
            await foreach (var keyPack in others.WithCancellation(cancellationToken))
            {
                assessment.ToMigrate.Add(keyPack);
                moved += keyPack.Quantity;
                if (moved >= asked)
                {
                    break;
                }
            }
        }

        if (Mode != LicensingMode.Strict)
        {
            return;
        }

        var described = PurchaseReferences.Describe(program.Code, reference);
        if (purchase is null)
        {
            assessment.Add(new RuleRefusal(
                program.Kind == ProgramKind.OpenLicense ? nameof(CalRequest.OpenLicenseNumber) : nameof(CalRequest.AgreementNumber),
                ErrorCodes.PurchaseNotRegistered,
                Texts.Get("Rules.PurchaseNotRegistered", described, PurchaseReferences.CalsName(version, calType))));
            return;
        }

        assessment.Purchases.Add(purchase);
        if (facts.Quantity is { } quantity)
        {
            // What stays issued: the purchase's active key packs, less those this migration moves (summed by the
            // database, after the purchase was read).
            var issued = await active.SumAsync(k => k.Quantity, cancellationToken) - assessment.ToMigrate.Sum(k => k.Quantity);
            if (issued + quantity > purchase.Quantity)
            {
                assessment.Add(QuantityRefusal(facts.Kind, described, codes: 0, purchase.Quantity, issued, quantity, version, calType));
            }
        }
    }

    /// <summary>Retail license codes: single-use for installs, moved by a migration, in strict mode registered.</summary>
    private async Task AssessRetailCodesAsync(
        RequestFacts facts, LicenseProgram program, bool tracked, Assessment assessment, CancellationToken cancellationToken)
    {
        var codes = facts.RetailLicenseCodes.Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count == 0)
        {
            return;
        }

        var used = await Query(db.RetailLicenseCodes, tracked).Where(c => codes.Contains(c.Code)).ToListAsync(cancellationToken);
        assessment.UsedCodes.AddRange(used);
        var usedCodes = used.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);

        if (facts.Kind == RequestKind.InstallCals)
        {
            foreach (var (code, position) in Positions(codes).Where(c => usedCodes.Contains(c.Code)))
            {
                assessment.Add(new RuleRefusal(nameof(CalRequest.RetailLicenseCodes), ErrorCodes.LicenseCodeAlreadyInstalled,
                    Texts.Get("Rules.LicenseCodeAlreadyInstalled", position, IdFormat.RetailLicenseCode.Format(code)), position));
            }
        }
        else if (tracked && facts.Kind == RequestKind.ManageCals && facts.ProductVersionCode is { } version && facts.CalTypeCode is { } calType)
        {
            // The codes say exactly which CALs move: the key packs that hold them now, on whichever server. Only the
            // issuer needs them (no rule counts them), so a check does not read them.
            var holders = used.Select(c => c.KeyPackId).Distinct(StringComparer.Ordinal).ToList();
            assessment.ToMigrate.AddRange(await Query(db.KeyPacks, tracked)
                .Where(k => holders.Contains(k.Id) && k.MigratedToKeyPackId == null && k.ProductVersionCode == version &&
                    k.CalTypeCode == calType)
                .OrderBy(k => k.IssuedAt).ThenBy(k => k.Id)
                .ToListAsync(cancellationToken));
        }

        if (Mode != LicensingMode.Strict || facts.ProductVersionCode is not { } strictVersion || facts.CalTypeCode is not { } strictType)
        {
            return;
        }

        var purchases = await Query(db.Purchases, tracked)
            .Where(p => p.LicenseProgramCode == program.Code && codes.Contains(p.Reference) &&
                p.ProductVersionCode == strictVersion && p.CalTypeCode == strictType)
            .ToListAsync(cancellationToken);
        var registered = purchases.Select(p => p.Reference).ToHashSet(StringComparer.Ordinal);
        var unregistered = Positions(codes).Where(c => !registered.Contains(c.Code)).ToList();
        foreach (var (code, position) in unregistered)
        {
            assessment.Add(new RuleRefusal(nameof(CalRequest.RetailLicenseCodes), ErrorCodes.PurchaseNotRegistered,
                Texts.Get("Rules.LicenseCodeNotRegistered", position, IdFormat.RetailLicenseCode.Format(code),
                    PurchaseReferences.CalsName(strictVersion, strictType)),
                position));
        }

        if (unregistered.Count > 0)
        {
            return;
        }

        assessment.Purchases.AddRange(purchases);

        // A code is used once (an install) or its key pack moves with it (a migration): none of its CALs stay issued.
        var held = purchases.Sum(p => p.Quantity);
        if (facts.Quantity is { } quantity && quantity > held)
        {
            var described = codes.Count == 1 ? PurchaseReferences.Describe(program.Code, codes[0]) : null;
            assessment.Add(QuantityRefusal(facts.Kind, described, codes.Count, held, 0, quantity, strictVersion, strictType));
        }
    }

    /// <param name="purchase">The purchase as people read it ("Enterprise Agreement 1234567"); null for several license codes.</param>
    /// <param name="codes">How many license codes hold the CALs, when <paramref name="purchase"/> is null.</param>
    /// <param name="issued">
    /// What is already issued from the purchase; several license codes never have any (a code installs once, or its
    /// key pack moves with it).
    /// </param>
    private static RuleRefusal QuantityRefusal(
        RequestKind kind, string? purchase, int codes, int held, int issued, int asked, string version, string calType)
    {
        var key = (kind == RequestKind.ManageCals, purchase is null, issued == 0) switch
        {
            (true, true, _) => "Rules.QuantityExceeded.Migrate.Codes",
            (true, false, true) => "Rules.QuantityExceeded.Migrate",
            (true, false, false) => "Rules.QuantityExceeded.Migrate.SomeIssued",
            (false, true, _) => "Rules.QuantityExceeded.Install.Codes",
            (false, false, true) => "Rules.QuantityExceeded.Install",
            (false, false, false) => "Rules.QuantityExceeded.Install.SomeIssued",
        };
        return new RuleRefusal(nameof(CalRequest.Quantity), ErrorCodes.PurchaseQuantityExceeded, Texts.Get(
            key, purchase ?? (object)codes, PurchaseReferences.Cals(held, version, calType), issued, asked, Math.Max(0, held - issued)));
    }

    // Codes are kept in the order entered, empty fields left out, so a code's position is the number of the field the
    // program step shows it in ("License code 2") once saved.
    private static IEnumerable<(string Code, int Position)> Positions(IReadOnlyList<string> codes) => codes.Select((code, i) => (code, i + 1));

    private static IQueryable<T> Query<T>(DbSet<T> set, bool tracked)
        where T : class => tracked ? set : set.AsNoTracking();
}

/// <summary>What <see cref="LicensingRules.AssessAsync"/> found.</summary>
internal sealed class Assessment
{
    public List<RuleRefusal> Refusals { get; } = [];

    /// <summary>The target server, when the clearinghouse knows it.</summary>
    public LicenseServer? TargetServer { get; set; }

    /// <summary>The canonical reference of an agreement or Open License (<see cref="KeyPack.PurchaseReference"/>).</summary>
    public string? PurchaseReference { get; set; }

    /// <summary>Strict mode: the registered purchases the CALs are counted against.</summary>
    public List<Purchase> Purchases { get; } = [];

    /// <summary>A migration's active key packs whose CALs move to the new key pack.</summary>
    public List<KeyPack> ToMigrate { get; } = [];

    /// <summary>The request's retail license codes that have been used before.</summary>
    public List<RetailLicenseCode> UsedCodes { get; } = [];

    public void Add(RuleRefusal? refusal)
    {
        if (refusal is not null)
        {
            Refusals.Add(refusal);
        }
    }
}
