using Clearinghouse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Licensing;

/// <summary>A purchase to register (lab administration).</summary>
/// <param name="Reference">
/// Canonical, as <see cref="PurchaseReferences"/> describes: the agreement number, the Open License as
/// <see cref="PurchaseReferences.OpenLicense"/> writes it, or the retail license code.
/// </param>
public sealed record PurchaseRegistration(
    string LicenseProgramCode, string Reference, string ProductVersionCode, string CalTypeCode, int Quantity);

/// <param name="PurchaseId">The purchase registered, when <see cref="RegistrationOutcome.Registered"/>.</param>
public sealed record RegistrationResult(RegistrationOutcome Outcome, Guid? PurchaseId);

public enum RegistrationOutcome
{
    Registered,

    /// <summary>The same program, reference, product version and CAL type is registered already.</summary>
    AlreadyRegistered,
}

/// <summary>A key pack issued from a purchase.</summary>
/// <param name="Counted">
/// The CALs of the purchase it holds: its quantity, or for a key pack of several retail license codes this code's
/// share; 0 once it is migrated, when they count in the key pack it was migrated to.
/// </param>
public sealed record PurchaseKeyPack(
    string KeyPackId,
    string LicenseServerId,
    KeyPackPurpose Purpose,
    int Quantity,
    int Counted,
    DateTimeOffset IssuedAt,
    DateTimeOffset? InstalledAt,
    string? MigratedToKeyPackId,
    DateTimeOffset? MigratedAt)
{
    public bool IsActive => MigratedToKeyPackId is null;
}

/// <summary>A registered purchase and what has been issued from it.</summary>
/// <param name="Issued">CALs in its active key packs: migrated key packs count in the one their CALs moved to.</param>
/// <param name="KeyPacks">Active and migrated, oldest first.</param>
public sealed record PurchaseStatement(
    Guid Id,
    string LicenseProgramCode,
    string Reference,
    string ProductVersionCode,
    string CalTypeCode,
    DateTimeOffset RegisteredAt,
    int Held,
    int Issued,
    IReadOnlyList<PurchaseKeyPack> KeyPacks)
{
    /// <summary>What can still be issued; below zero when lenient mode issued more than the purchase holds.</summary>
    public int Remaining => Held - Issued;
}

/// <summary>The purchases the lab registers (strict mode counts only these), and what each has issued.</summary>
public sealed class PurchaseRegistry(ClearinghouseDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Registers the purchase; the database's unique index on program, reference, product version and CAL type decides
    /// whether it is registered already (two registrations racing: one wins).
    /// </summary>
    public async Task<RegistrationResult> RegisterAsync(PurchaseRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var id = Guid.NewGuid();
        db.Purchases.Add(new Purchase
        {
            Id = id,
            LicenseProgramCode = registration.LicenseProgramCode,
            Reference = registration.Reference,
            ProductVersionCode = registration.ProductVersionCode,
            CalTypeCode = registration.CalTypeCode,
            Quantity = registration.Quantity,
            RegisteredAt = clock.GetUtcNow(),
        });

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new RegistrationResult(RegistrationOutcome.Registered, id);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            db.ChangeTracker.Clear();
            return new RegistrationResult(RegistrationOutcome.AlreadyRegistered, null);
        }
    }

    /// <summary>Every registered purchase, oldest first, with its key packs and totals.</summary>
    /// <remarks>
    /// Key packs of an agreement or Open License carry its reference. Retail license codes are traced through the
    /// requests that named them and the code's current key pack; a key pack of several codes shares its CALs among
    /// them in the order they were entered, each taking up to what its purchase holds. Lab administration only: this
    /// reads every retail key pack, which a lab's database holds few of.
    /// </remarks>
    public async Task<IReadOnlyList<PurchaseStatement>> ListAsync(CancellationToken cancellationToken = default)
    {
        var purchases = await db.Purchases.AsNoTracking()
            .OrderBy(p => p.RegisteredAt).ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);

        var references = purchases
            .Where(p => !IsRetail(p.LicenseProgramCode))
            .Select(p => PurchaseReferences.Canonical(p.LicenseProgramCode, p.Reference))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var byReference = (await db.KeyPacks.AsNoTracking().Include(k => k.Installation)
                .Where(k => k.PurchaseReference != null && references.Contains(k.PurchaseReference))
                .ToListAsync(cancellationToken))
            .ToLookup(k => (k.PurchaseReference!, k.ProductVersionCode, k.CalTypeCode));

        var retail = purchases.Any(p => IsRetail(p.LicenseProgramCode))
            ? await RetailSharesAsync(purchases, cancellationToken)
            : new Dictionary<Guid, List<(KeyPack KeyPack, int Counted)>>();

        return
        [
            .. purchases.Select(p =>
            {
                var keyPacks = IsRetail(p.LicenseProgramCode)
                    ? retail.GetValueOrDefault(p.Id) ?? []
                    : [.. byReference[(PurchaseReferences.Canonical(p.LicenseProgramCode, p.Reference), p.ProductVersionCode, p.CalTypeCode)]
                        .Select(k => (KeyPack: k, Counted: k.MigratedToKeyPackId is null ? k.Quantity : 0))];
                var statements = keyPacks
                    .OrderBy(k => k.KeyPack.IssuedAt).ThenBy(k => k.KeyPack.Id, StringComparer.Ordinal)
                    .Select(k => new PurchaseKeyPack(
                        k.KeyPack.Id,
                        k.KeyPack.LicenseServerId,
                        k.KeyPack.Purpose,
                        k.KeyPack.Quantity,
                        k.Counted,
                        k.KeyPack.IssuedAt,
                        k.KeyPack.Installation?.InstalledAt,
                        k.KeyPack.MigratedToKeyPackId,
                        k.KeyPack.MigratedAt))
                    .ToList();
                return new PurchaseStatement(p.Id, p.LicenseProgramCode, p.Reference, p.ProductVersionCode, p.CalTypeCode,
                    p.RegisteredAt, p.Quantity, statements.Sum(k => k.Counted), statements);
            }),
        ];
    }

    /// <summary>For each retail purchase, the key packs that held its code, with the CALs of it each holds now.</summary>
    private async Task<Dictionary<Guid, List<(KeyPack KeyPack, int Counted)>>> RetailSharesAsync(
        List<Purchase> purchases, CancellationToken cancellationToken)
    {
        var retailPrograms = Catalogue.Programs.Where(p => p.Kind == ProgramKind.RetailPurchase).Select(p => p.Code).ToList();
        var keyPacks = await db.KeyPacks.AsNoTracking().Include(k => k.Installation).Include(k => k.Request)
            .Where(k => retailPrograms.Contains(k.LicenseProgramCode))
            .ToListAsync(cancellationToken);
        var holders = (await db.RetailLicenseCodes.AsNoTracking().ToListAsync(cancellationToken))
            .ToLookup(c => c.KeyPackId, c => c.Code, StringComparer.Ordinal);
        var registered = purchases
            .Where(p => IsRetail(p.LicenseProgramCode))
            .ToDictionary(p => (p.Reference, p.ProductVersionCode, p.CalTypeCode));

        var shares = new Dictionary<Guid, List<(KeyPack, int)>>();
        foreach (var keyPack in keyPacks)
        {
            // The codes it was issued for, in the order entered, then any re-bound to it since.
            var codes = (keyPack.Request is { } request ? CalRequestRules.RetailLicenseCodesOf(request) : [])
                .Concat(holders[keyPack.Id].Order(StringComparer.Ordinal))
                .Distinct(StringComparer.Ordinal);
            var left = keyPack.MigratedToKeyPackId is null ? keyPack.Quantity : 0;
            foreach (var code in codes)
            {
                if (!registered.TryGetValue((code, keyPack.ProductVersionCode, keyPack.CalTypeCode), out var purchase))
                {
                    continue;
                }

                var counted = Math.Min(left, purchase.Quantity);
                left -= counted;
                if (!shares.TryGetValue(purchase.Id, out var list))
                {
                    shares[purchase.Id] = list = [];
                }

                list.Add((keyPack, counted));
            }
        }

        return shares;
    }

    private static bool IsRetail(string licenseProgramCode) =>
        Catalogue.FindProgram(licenseProgramCode)?.Kind == ProgramKind.RetailPurchase;
}
