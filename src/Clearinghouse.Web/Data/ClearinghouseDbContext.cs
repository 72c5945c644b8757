using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Clearinghouse.Web.Data;

/// <summary>
/// The one model. Each database provider has a small subclass so that it gets its own migration set
/// (see docs/decisions/0001-one-migration-set-per-provider.md); code everywhere else uses this type. The console's
/// accounts (ASP.NET Core Identity) live here too, so one database holds everything and an audit row can be saved in
/// the same transaction as the change it records.
/// </summary>
public abstract class ClearinghouseDbContext(DbContextOptions options)
    : IdentityDbContext<ConsoleUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<LicenseServer> LicenseServers => Set<LicenseServer>();

    public DbSet<CalRequest> CalRequests => Set<CalRequest>();

    public DbSet<KeyPack> KeyPacks => Set<KeyPack>();

    public DbSet<KeyPackInstallation> KeyPackInstallations => Set<KeyPackInstallation>();

    public DbSet<RetailLicenseCode> RetailLicenseCodes => Set<RetailLicenseCode>();

    public DbSet<Purchase> Purchases => Set<Purchase>();

    public DbSet<CountryRegion> CountriesRegions => Set<CountryRegion>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<RateLimitWindow> RateLimitWindows => Set<RateLimitWindow>();

    public DbSet<LabSettings> LabSettings => Set<LabSettings>();

    public DbSet<LabApiKey> LabApiKeys => Set<LabApiKey>();

    /// <summary>
    /// The audit trail, to read (untracked). Entries are added by <see cref="Auditing.AuditLog"/> only, and
    /// <see cref="SaveChanges(bool)"/> refuses to change or remove one.
    /// </summary>
    public IQueryable<AuditEntry> AuditEntries => Set<AuditEntry>().AsNoTracking();

    // Every provider: no index for the keys that name a catalogue entry (CatalogueKeyIndexConvention).
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Conventions.Replace<ForeignKeyIndexConvention>(services =>
            new CatalogueKeyIndexConvention(services.GetRequiredService<ProviderConventionSetBuilderDependencies>()));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ClearinghouseDbContext).Assembly);

        // Check constraints are raw SQL, so the column is named the way the provider reads it (see Column).
        modelBuilder.Entity<KeyPack>().ToTable(t => t.HasCheckConstraint(
            "CK_KeyPacks_Quantity",
            $"{Column(nameof(KeyPack.Quantity))} BETWEEN {Catalogue.MinQuantity} AND {Catalogue.MaxQuantity}"));
        modelBuilder.Entity<Purchase>().ToTable(t => t.HasCheckConstraint(
            "CK_Purchases_Quantity",
            $"{Column(nameof(Purchase.Quantity))} BETWEEN 1 AND {FieldLengths.MaxPurchaseQuantity}"));
    }

    /// <summary>A column name as raw SQL (check constraints) must spell it on this provider.</summary>
    protected virtual string Column(string name) => name;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditChanges();
        StampRequestVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditChanges();
        StampRequestVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The audit trail is append-only: what it says happened cannot be rewritten through the portal.</summary>
    private void RefuseAuditChanges()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries are only ever added; one was changed or removed.");
        }
    }

    /// <summary>
    /// Each saved change to a request, server, key pack or purchase bumps its version; the update only applies where
    /// the version is still the one read, so of two saves racing (a step from a stale tab and the submit, two
    /// reactivations, two migrations of the same CALs) the second fails instead of overwriting.
    /// </summary>
    private void StampRequestVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Modified)
            {
                continue;
            }

            switch (entry.Entity)
            {
                case CalRequest request:
                    request.Version++;
                    break;
                case LicenseServer server:
                    server.Version++;
                    break;
                case KeyPack keyPack:
                    keyPack.Version++;
                    break;
                case Purchase purchase:
                    purchase.Version++;
                    break;
            }
        }
    }
}

public sealed class SqliteClearinghouseDbContext(DbContextOptions<SqliteClearinghouseDbContext> options)
    : ClearinghouseDbContext(options)
{
    private SqlitePointReads? pointReads;
    private bool pointReadsLooked;

    /// <summary>
    /// The portal's prepared point reads of this database, when it has them (a file; see <see cref="SqlitePointReads"/>);
    /// null for a context made outside the portal's services. Looked up once per context: pooled contexts are reused.
    /// </summary>
    internal SqlitePointReads? PointReads
    {
        get
        {
            if (!pointReadsLooked)
            {
                pointReads = this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider
                    ?.GetService<SqlitePointReads>();
                pointReadsLooked = true;
            }

            return pointReads;
        }
    }

    // SQLite has no date-time-with-offset type; stored as a sortable integer, times can be ordered and compared in SQL.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    /// <summary>
    /// Stores the instant as UTC ticks, exactly. EF's DateTimeOffsetToBinaryConverter keeps only 1/10 ms, so a time
    /// read back differed from the one saved: the API's first answer to a key pack submission and its repeats did not
    /// match. Every time here is UTC (<see cref="TimeProvider.GetUtcNow"/>), so no offset is lost.
    /// </summary>
    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
}

public sealed class SqlServerClearinghouseDbContext(DbContextOptions<SqlServerClearinghouseDbContext> options)
    : ClearinghouseDbContext(options);

/// <summary>
/// PostgreSQL: the server database every development and CI machine can run, so the server-database path is tested
/// for real. Times are stored as <c>timestamp with time zone</c>; every time here is UTC, as Npgsql requires.
/// </summary>
public sealed class PostgreSqlClearinghouseDbContext(DbContextOptions<PostgreSqlClearinghouseDbContext> options)
    : ClearinghouseDbContext(options)
{
    // PostgreSQL folds an unquoted name to lower case, and the columns are created quoted ("Quantity").
    protected override string Column(string name) => $"\"{name}\"";
}
