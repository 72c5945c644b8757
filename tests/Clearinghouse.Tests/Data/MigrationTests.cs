using System.Security.Cryptography;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Clearinghouse.Tests.Data;

public sealed class MigrationTests
{
    private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();

    private static readonly DateTimeOffset Now = new(2026, 11, 28, 16, 15, 0, TimeSpan.Zero);

    [Fact]
    public void SqliteMigrations_MatchTheModel()
    {
        using var folder = new TemporaryFolder();
        using var db = CreateSqliteContext(folder);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void SqlServerMigrations_MatchTheModel()
    {
        using var db = CreateSqlServerContext();

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void PostgreSqlMigrations_MatchTheModel()
    {
        using var db = CreatePostgreSqlContext();

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void EachProvider_HasItsOwnMigrationSet()
    {
        using var folder = new TemporaryFolder();
        using var sqlite = CreateSqliteContext(folder);
        using var sqlServer = CreateSqlServerContext();
        using var postgreSql = CreatePostgreSqlContext();

        Assert.True(sqlite.Database.IsSqlite());
        Assert.True(sqlServer.Database.IsSqlServer());
        Assert.True(postgreSql.Database.IsNpgsql());
        Assert.Empty(sqlite.Database.GetMigrations().Intersect(sqlServer.Database.GetMigrations()));
        Assert.Empty(sqlite.Database.GetMigrations().Intersect(postgreSql.Database.GetMigrations()));
        Assert.Empty(sqlServer.Database.GetMigrations().Intersect(postgreSql.Database.GetMigrations()));
    }

    [Fact]
    public void SqlServerIdempotentScript_CreatesTheTablesOnlyWhereMissing()
    {
        using var db = CreateSqlServerContext();

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.False(string.IsNullOrWhiteSpace(script));
        Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [KeyPacks]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [KeyPackInstallations]", script, StringComparison.Ordinal);
        // Filtered, so that the many key packs issued without a web request do not collide on NULL.
        Assert.Contains("CREATE UNIQUE INDEX [IX_KeyPacks_RequestId] ON [KeyPacks] ([RequestId]) WHERE [RequestId] IS NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("CONSTRAINT [CK_KeyPacks_Quantity] CHECK (Quantity BETWEEN 1 AND 9999)", script, StringComparison.Ordinal);
        Assert.Contains("[__EFMigrationsHistory]", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_OnAFreshSqliteFile_CreatesTheSchemaAndSeedsTheCatalogue()
    {
        using var folder = new TemporaryFolder();
        using (var db = CreateSqliteContext(folder))
        {
            Assert.False(File.Exists(DatabaseFile(folder)));

            await db.Database.MigrateAsync();
            await CatalogueSeeder.SeedAsync(db);
        }

        Assert.True(File.Exists(DatabaseFile(folder)));
        using var check = CreateSqliteContext(folder);
        Assert.Empty(check.Database.GetPendingMigrations());
        Assert.Equal(check.Database.GetMigrations(), check.Database.GetAppliedMigrations());
        Assert.Equal(249, check.CountriesRegions.Count());
        Assert.Equal(8, check.Set<LicenseProgram>().Count());
        Assert.Equal(6, check.Set<ProductVersion>().Count());
        Assert.Equal(7, check.Set<CalType>().Count());
        Assert.Equal(20, check.Set<ProductVersionCalType>().Count());
        Assert.Equal(7, check.Set<Reason>().Count());
        Assert.Equal(9, check.Set<SourceOperatingSystem>().Count());
        Assert.Equal("+44 555 0100", check.CountriesRegions.Single(c => c.Code == "GB").PhoneNumber);
        Assert.Empty(check.KeyPacks);
        Assert.Empty(check.LicenseServers);
    }

    [Fact]
    public void KeyPackInstallation_WhenTheKeyPackIsAlreadyInstalled_IsRefusedByTheDatabase()
    {
        using var folder = new TemporaryFolder();
        var (serverId, keyPackId) = SeedInstalledKeyPack(folder);

        using var db = CreateSqliteContext(folder);
        var otherServer = NewServer();
        db.LicenseServers.Add(otherServer);
        db.SaveChanges();
        db.KeyPackInstallations.Add(new KeyPackInstallation { KeyPackId = keyPackId, LicenseServerId = otherServer.Id, InstalledAt = Now });

        var error = Assert.Throws<DbUpdateException>(() => db.SaveChanges());

        AssertConstraintFailed(error, "UNIQUE constraint failed: KeyPackInstallations.KeyPackId");

        using var check = CreateSqliteContext(folder);
        Assert.Equal(serverId, check.KeyPackInstallations.Single().LicenseServerId);
    }

    [Fact]
    public void KeyPack_WhenItsRequestAlreadyIssuedOne_IsRefusedByTheDatabase()
    {
        using var folder = new TemporaryFolder();
        var requestId = Guid.NewGuid();
        string serverId;
        using (var db = CreateSqliteContext(folder))
        {
            db.Database.Migrate();
            var server = NewServer();
            serverId = server.Id;
            db.LicenseServers.Add(server);
            db.CalRequests.Add(new CalRequest { Id = requestId, Channel = RequestChannel.Web, CreatedAt = Now, UpdatedAt = Now });
            db.KeyPacks.Add(NewKeyPack(serverId, requestId));
            db.SaveChanges();
        }

        using var second = CreateSqliteContext(folder);
        second.KeyPacks.Add(NewKeyPack(serverId, requestId));

        var error = Assert.Throws<DbUpdateException>(() => second.SaveChanges());

        AssertConstraintFailed(error, "UNIQUE constraint failed: KeyPacks.RequestId");

        using var check = CreateSqliteContext(folder);
        Assert.Equal(1, check.KeyPacks.Count(k => k.RequestId == requestId));
    }

    [Fact]
    public void KeyPack_WithoutARequest_CanBeIssuedMoreThanOnceForTheSameServer()
    {
        // The unique index on RequestId must not treat the many NULLs (key packs issued by the API) as duplicates.
        using var folder = new TemporaryFolder();
        using var db = CreateSqliteContext(folder);
        db.Database.Migrate();
        var server = NewServer();
        db.LicenseServers.Add(server);
        db.KeyPacks.AddRange(NewKeyPack(server.Id, null), NewKeyPack(server.Id, null));

        db.SaveChanges();

        Assert.Equal(2, db.KeyPacks.Count(k => k.LicenseServerId == server.Id));
    }

    [Theory]
    [InlineData("windows-server-2008-r2", "rds-per-user", 10, "FOREIGN KEY constraint failed")]
    [InlineData("windows-server-2022", "vdi-premium", 10, "FOREIGN KEY constraint failed")]
    [InlineData("windows-server-2022", "rds-per-user", 0, "CHECK constraint failed: CK_KeyPacks_Quantity")]
    [InlineData("windows-server-2022", "rds-per-user", 10_000, "CHECK constraint failed: CK_KeyPacks_Quantity")]
    public void KeyPack_OutsideTheCatalogue_IsRefusedByTheDatabase(string version, string calType, int quantity, string refusal)
    {
        using var folder = new TemporaryFolder();
        using var db = CreateSqliteContext(folder);
        db.Database.Migrate();
        var server = NewServer();
        db.LicenseServers.Add(server);
        db.SaveChanges();

        db.KeyPacks.Add(NewKeyPack(server.Id, null, version, calType, quantity));

        var error = Assert.Throws<DbUpdateException>(() => db.SaveChanges());

        AssertConstraintFailed(error, refusal);
    }

    [Theory]
    [InlineData("windows-server-2008-r2", "ts-rds-per-user", 1)]
    [InlineData("windows-server-2025", "vdi-suite", 9_999)]
    public void KeyPack_InsideTheCatalogue_IsStored(string version, string calType, int quantity)
    {
        using var folder = new TemporaryFolder();
        using var db = CreateSqliteContext(folder);
        db.Database.Migrate();
        var server = NewServer();
        db.LicenseServers.Add(server);
        var keyPack = NewKeyPack(server.Id, null, version, calType, quantity);
        db.KeyPacks.Add(keyPack);

        db.SaveChanges();

        using var check = CreateSqliteContext(folder);
        var stored = check.KeyPacks.Single(k => k.Id == keyPack.Id);
        Assert.Equal(quantity, stored.Quantity);
        Assert.Equal(Now, stored.IssuedAt);
    }

    private static (string ServerId, string KeyPackId) SeedInstalledKeyPack(TemporaryFolder folder)
    {
        using var db = CreateSqliteContext(folder);
        db.Database.Migrate();
        var server = NewServer();
        var keyPack = NewKeyPack(server.Id, null);
        db.LicenseServers.Add(server);
        db.KeyPacks.Add(keyPack);
        db.KeyPackInstallations.Add(new KeyPackInstallation { KeyPackId = keyPack.Id, LicenseServerId = server.Id, InstalledAt = Now });
        db.SaveChanges();
        return (server.Id, keyPack.Id);
    }

    private static void AssertConstraintFailed(DbUpdateException error, string expected)
    {
        var sqlite = Assert.IsType<SqliteException>(error.InnerException);
        Assert.Equal(19, sqlite.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Contains(expected, sqlite.Message, StringComparison.Ordinal);
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

    private static string DatabaseFile(TemporaryFolder folder) => Path.Combine(folder.Path, "App_Data", "clearinghouse.db");

    // Built the way the portal builds it: the relative path resolved against the content root.
    private static SqliteClearinghouseDbContext CreateSqliteContext(TemporaryFolder folder) =>
        new(new DbContextOptionsBuilder<SqliteClearinghouseDbContext>()
            .UseSqlite(DatabaseSetup.SqliteConnectionString("Data Source=App_Data/clearinghouse.db", folder.Path))
            .Options);

    // No server is contacted: comparing the model and generating scripts need only the provider.
    private static SqlServerClearinghouseDbContext CreateSqlServerContext() =>
        new(new DbContextOptionsBuilder<SqlServerClearinghouseDbContext>()
            .UseSqlServer("Server=sql.invalid;Database=Clearinghouse;Integrated Security=true;TrustServerCertificate=true")
            .Options);

    private static PostgreSqlClearinghouseDbContext CreatePostgreSqlContext() =>
        new(new DbContextOptionsBuilder<PostgreSqlClearinghouseDbContext>()
            .UseNpgsql("Host=postgres.invalid;Database=clearinghouse")
            .Options);
}
