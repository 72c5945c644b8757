using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Clearinghouse.Web.Data;

/// <summary>
/// The one model. Each database provider has a small subclass so that it gets its own migration set
/// (see docs/decisions/0001-one-migration-set-per-provider.md); code everywhere else uses this type.
/// </summary>
public abstract class ClearinghouseDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<LicenseServer> LicenseServers => Set<LicenseServer>();

    public DbSet<CalRequest> CalRequests => Set<CalRequest>();

    public DbSet<KeyPack> KeyPacks => Set<KeyPack>();

    public DbSet<KeyPackInstallation> KeyPackInstallations => Set<KeyPackInstallation>();

    public DbSet<CountryRegion> CountriesRegions => Set<CountryRegion>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ClearinghouseDbContext).Assembly);
}

public sealed class SqliteClearinghouseDbContext(DbContextOptions<SqliteClearinghouseDbContext> options)
    : ClearinghouseDbContext(options)
{
    // SQLite has no date-time-with-offset type; stored as a sortable integer, times can be ordered and compared in SQL.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();

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
