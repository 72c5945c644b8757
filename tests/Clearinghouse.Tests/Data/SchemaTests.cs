using System.Security.Cryptography;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Clearinghouse.Tests.Data;

/// <summary>Which kind of constraint refused a write.</summary>
public enum Refusal
{
    Unique,
    ForeignKey,
    Check,
}

/// <summary>
/// What each provider's migrated schema enforces by itself, whatever code writes to it: the catalogue seeded, one
/// installation per key pack, one key pack per request, the catalogue's pairs and quantities, the request's
/// concurrency token. Runs on SQLite and on PostgreSQL.
/// </summary>
public abstract class SchemaTests<TDatabase> : IDisposable
    where TDatabase : TestDatabase, new()
{
    private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();

    private static readonly DateTimeOffset Now = new(2026, 11, 28, 16, 15, 0, 123, 456, TimeSpan.Zero);

    private readonly TestDatabase _database = new TDatabase();

    [Fact]
    public async Task Migrate_OnAnEmptyDatabase_CreatesTheSchemaAndTheSeederFillsTheCatalogue()
    {
        await using (var db = _database.CreateContext())
        {
            await db.Database.MigrateAsync();
            await CatalogueSeeder.SeedAsync(db);
        }

        await using var check = _database.CreateContext();
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.Equal(check.Database.GetMigrations(), await check.Database.GetAppliedMigrationsAsync());
        Assert.Equal(249, await check.CountriesRegions.CountAsync());
        Assert.Equal(8, await check.Set<LicenseProgram>().CountAsync());
        Assert.Equal(6, await check.Set<ProductVersion>().CountAsync());
        Assert.Equal(7, await check.Set<CalType>().CountAsync());
        Assert.Equal(20, await check.Set<ProductVersionCalType>().CountAsync());
        Assert.Equal(7, await check.Set<Reason>().CountAsync());
        Assert.Equal(9, await check.Set<SourceOperatingSystem>().CountAsync());
        Assert.Equal("+44 555 0100", (await check.CountriesRegions.SingleAsync(c => c.Code == "GB")).PhoneNumber);
        Assert.Empty(check.KeyPacks);
        Assert.Empty(check.LicenseServers);
    }

    [Fact]
    public async Task Seeding_AgainAfterTheLabChangedANumber_KeepsTheLabsNumberAndAddsOnlyMissingCountries()
    {
        await MigrateAsync();
        await using (var db = _database.CreateContext())
        {
            var gb = await db.CountriesRegions.SingleAsync(c => c.Code == "GB");
            db.Entry(gb).Property(c => c.PhoneNumber).CurrentValue = "+44 20 7946 0000";
            db.CountriesRegions.Remove(await db.CountriesRegions.SingleAsync(c => c.Code == "NZ"));
            await db.SaveChangesAsync();
        }

        await using (var db = _database.CreateContext())
        {
            await CatalogueSeeder.SeedAsync(db);
        }

        await using var check = _database.CreateContext();
        Assert.Equal(249, await check.CountriesRegions.CountAsync());
        Assert.Equal("+44 20 7946 0000", (await check.CountriesRegions.SingleAsync(c => c.Code == "GB")).PhoneNumber);
        Assert.Equal("+64 555 0100", (await check.CountriesRegions.SingleAsync(c => c.Code == "NZ")).PhoneNumber);
    }

    [Fact]
    public async Task KeyPackInstallation_WhenTheKeyPackIsAlreadyInstalled_IsRefusedByTheDatabase()
    {
        await MigrateAsync();
        var (serverId, keyPackId) = await SeedInstalledKeyPackAsync();

        await using var db = _database.CreateContext();
        var otherServer = NewServer();
        db.LicenseServers.Add(otherServer);
        await db.SaveChangesAsync();
        db.KeyPackInstallations.Add(new KeyPackInstallation { KeyPackId = keyPackId, LicenseServerId = otherServer.Id, InstalledAt = Now });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        AssertRefused(error, Refusal.Unique, "KeyPackInstallations");
        await using var check = _database.CreateContext();
        Assert.Equal(serverId, (await check.KeyPackInstallations.SingleAsync()).LicenseServerId);
    }

    [Fact]
    public async Task KeyPack_WhenItsRequestAlreadyIssuedOne_IsRefusedByTheDatabase()
    {
        await MigrateAsync();
        var requestId = Guid.NewGuid();
        var server = NewServer();
        await using (var db = _database.CreateContext())
        {
            db.LicenseServers.Add(server);
            db.CalRequests.Add(new CalRequest { Id = requestId, Channel = RequestChannel.Web, CreatedAt = Now, UpdatedAt = Now });
            db.KeyPacks.Add(NewKeyPack(server.Id, requestId));
            await db.SaveChangesAsync();
        }

        await using var second = _database.CreateContext();
        second.KeyPacks.Add(NewKeyPack(server.Id, requestId));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());

        AssertRefused(error, Refusal.Unique, "RequestId");
        await using var check = _database.CreateContext();
        Assert.Equal(1, await check.KeyPacks.CountAsync(k => k.RequestId == requestId));
    }

    [Fact]
    public async Task KeyPack_WithoutARequest_CanBeIssuedMoreThanOnceForTheSameServer()
    {
        // The unique index on RequestId must not treat the many NULLs (key packs issued by the API) as duplicates.
        await MigrateAsync();
        await using var db = _database.CreateContext();
        var server = NewServer();
        db.LicenseServers.Add(server);
        db.KeyPacks.AddRange(NewKeyPack(server.Id, null), NewKeyPack(server.Id, null));

        await db.SaveChangesAsync();

        Assert.Equal(2, await db.KeyPacks.CountAsync(k => k.LicenseServerId == server.Id));
    }

    [Theory]
    [InlineData("windows-server-2008-r2", "rds-per-user", 10, Refusal.ForeignKey)]
    [InlineData("windows-server-2022", "vdi-premium", 10, Refusal.ForeignKey)]
    [InlineData("windows-server-2022", "rds-per-user", 0, Refusal.Check)]
    [InlineData("windows-server-2022", "rds-per-user", 10_000, Refusal.Check)]
    public async Task KeyPack_OutsideTheCatalogue_IsRefusedByTheDatabase(string version, string calType, int quantity, Refusal refusal)
    {
        await MigrateAsync();
        await using var db = _database.CreateContext();
        var server = NewServer();
        db.LicenseServers.Add(server);
        await db.SaveChangesAsync();

        db.KeyPacks.Add(NewKeyPack(server.Id, null, version, calType, quantity));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        AssertRefused(error, refusal, refusal == Refusal.Check ? "CK_KeyPacks_Quantity" : "");
    }

    [Theory]
    [InlineData("windows-server-2008-r2", "ts-rds-per-user", 1)]
    [InlineData("windows-server-2025", "vdi-suite", 9_999)]
    public async Task KeyPack_InsideTheCatalogue_IsStoredExactly(string version, string calType, int quantity)
    {
        await MigrateAsync();
        await using var db = _database.CreateContext();
        var server = NewServer();
        db.LicenseServers.Add(server);
        var keyPack = NewKeyPack(server.Id, null, version, calType, quantity);
        db.KeyPacks.Add(keyPack);

        await db.SaveChangesAsync();

        await using var check = _database.CreateContext();
        var stored = await check.KeyPacks.SingleAsync(k => k.Id == keyPack.Id);
        Assert.Equal(quantity, stored.Quantity);
        Assert.Equal(Now, stored.IssuedAt);
        Assert.Equal(TimeSpan.Zero, stored.IssuedAt.Offset);
    }

    [Fact]
    public async Task Request_SavedFromAnOutdatedRead_IsRefusedByItsVersion()
    {
        await MigrateAsync();
        var requestId = Guid.NewGuid();
        await using (var db = _database.CreateContext())
        {
            db.CalRequests.Add(new CalRequest { Id = requestId, Channel = RequestChannel.Web, CreatedAt = Now, UpdatedAt = Now, Quantity = 5 });
            await db.SaveChangesAsync();
        }

        await using var first = _database.CreateContext();
        await using var second = _database.CreateContext();
        var firstRead = await first.CalRequests.SingleAsync(r => r.Id == requestId);
        var secondRead = await second.CalRequests.SingleAsync(r => r.Id == requestId);
        firstRead.SubmittedAt = Now;
        await first.SaveChangesAsync();

        secondRead.Quantity = 500;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = _database.CreateContext();
        var stored = await check.CalRequests.SingleAsync(r => r.Id == requestId);
        Assert.Equal(5, stored.Quantity);
        Assert.Equal(1, stored.Version);
    }

    public void Dispose()
    {
        _database.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task MigrateAsync()
    {
        await using var db = _database.CreateContext();
        await db.Database.MigrateAsync();
        await CatalogueSeeder.SeedAsync(db);
    }

    private async Task<(string ServerId, string KeyPackId)> SeedInstalledKeyPackAsync()
    {
        await using var db = _database.CreateContext();
        var server = NewServer();
        var keyPack = NewKeyPack(server.Id, null);
        db.LicenseServers.Add(server);
        db.KeyPacks.Add(keyPack);
        db.KeyPackInstallations.Add(new KeyPackInstallation { KeyPackId = keyPack.Id, LicenseServerId = server.Id, InstalledAt = Now });
        await db.SaveChangesAsync();
        return (server.Id, keyPack.Id);
    }

    private static void AssertRefused(DbUpdateException error, Refusal refusal, string naming)
    {
        switch (error.InnerException)
        {
            case SqliteException sqlite:
                Assert.Equal(19, sqlite.SqliteErrorCode); // SQLITE_CONSTRAINT
                Assert.Contains(
                    refusal switch
                    {
                        Refusal.Unique => "UNIQUE constraint failed",
                        Refusal.ForeignKey => "FOREIGN KEY constraint failed",
                        Refusal.Check => "CHECK constraint failed",
                        _ => throw new ArgumentOutOfRangeException(nameof(refusal)),
                    },
                    sqlite.Message,
                    StringComparison.Ordinal);
                Assert.Contains(naming, sqlite.Message, StringComparison.Ordinal);
                break;
            case PostgresException postgres:
                Assert.Equal(
                    refusal switch
                    {
                        Refusal.Unique => PostgresErrorCodes.UniqueViolation,
                        Refusal.ForeignKey => PostgresErrorCodes.ForeignKeyViolation,
                        Refusal.Check => PostgresErrorCodes.CheckViolation,
                        _ => throw new ArgumentOutOfRangeException(nameof(refusal)),
                    },
                    postgres.SqlState);
                Assert.Contains(naming, postgres.ConstraintName ?? string.Empty, StringComparison.Ordinal);
                break;
            default:
                Assert.Fail($"Expected a constraint violation, got {error.InnerException}");
                break;
        }

        Assert.Equal(refusal == Refusal.Unique, DatabaseErrors.IsUniqueViolation(error));
    }

    private static LicenseServer NewServer() => new()
    {
        Id = IdFormat.LicenseServerId.Generate(Random),
        IssuedHere = true,
        FirstSeenAt = Now,
    };

    private static KeyPack NewKeyPack(
        string serverId,
        Guid? requestId,
        string version = "windows-server-2022",
        string calType = "rds-per-user",
        int quantity = 25) => new()
    {
        Id = IdFormat.KeyPackId.Generate(Random),
        LicenseServerId = serverId,
        RequestId = requestId,
        Channel = RequestChannel.Web,
        LicenseProgramCode = "select-license",
        ProductVersionCode = version,
        CalTypeCode = calType,
        Quantity = quantity,
        IssuedAt = Now,
    };
}

public sealed class SchemaTestsOnSqlite : SchemaTests<SqliteTestDatabase>;

[Trait("Database", "PostgreSql")]
public sealed class SchemaTestsOnPostgreSql : SchemaTests<PostgreSqlTestDatabase>;
