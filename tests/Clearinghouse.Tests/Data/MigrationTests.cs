using System.Security.Cryptography;
using Clearinghouse.Tests.Infrastructure;
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
    public void EveryProvider_IndexesEachForeignKey_ButThoseThatNameACatalogueEntry()
    {
        using var folder = new TemporaryFolder();
        using var sqlite = CreateSqliteContext(folder);
        using var sqlServer = CreateSqlServerContext();
        using var postgreSql = CreatePostgreSqlContext();
        Type[] catalogue = [typeof(LicenseProgram), typeof(ProductVersion), typeof(CalType), typeof(ProductVersionCalType),
            typeof(Reason), typeof(SourceOperatingSystem), typeof(CountryRegion)];

        foreach (var model in new[] { sqlite.Model, sqlServer.Model, postgreSql.Model })
        {
            var keys = model.GetEntityTypes().SelectMany(e => e.GetDeclaredForeignKeys()).ToList();
            var (toCatalogue, others) = (keys.Where(k => catalogue.Contains(k.PrincipalEntityType.ClrType)).ToList(),
                keys.Where(k => !catalogue.Contains(k.PrincipalEntityType.ClrType)).ToList());

            // The issuance's tables among them: a request's reason, program, country, product version, CAL type and
            // operating system, a key pack's program and product version with CAL type.
            Assert.Equal(8, toCatalogue.Count(k => k.DeclaringEntityType.ClrType == typeof(CalRequest) || k.DeclaringEntityType.ClrType == typeof(KeyPack)));
            Assert.All(toCatalogue, k => Assert.DoesNotContain(k.DeclaringEntityType.GetIndexes(), i => i.Properties.SequenceEqual(k.Properties)));
            Assert.All(others, k => Assert.Contains(
                k.DeclaringEntityType.GetIndexes().Select(i => i.Properties).Concat(k.DeclaringEntityType.GetKeys().Select(key => key.Properties)),
                columns => columns.Take(k.Properties.Count).SequenceEqual(k.Properties)));
        }
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
        var script = SqlServerIdempotentScript();

        Assert.False(string.IsNullOrWhiteSpace(script));
        Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [KeyPacks]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [KeyPackInstallations]", script, StringComparison.Ordinal);
        // Filtered, so that the many key packs issued without a web request do not collide on NULL.
        Assert.Contains("CREATE UNIQUE INDEX [IX_KeyPacks_RequestId] ON [KeyPacks] ([RequestId]) WHERE [RequestId] IS NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("CONSTRAINT [CK_KeyPacks_Quantity] CHECK (Quantity BETWEEN 1 AND 9999)", script, StringComparison.Ordinal);
        // The countries left the migrations for start-up seeding without being deleted: requests point at them.
        Assert.DoesNotContain("DELETE FROM [CountriesRegions]", script, StringComparison.Ordinal);
        Assert.Contains("[__EFMigrationsHistory]", script, StringComparison.Ordinal);
    }

    /// <summary>
    /// The script checked in for deployments (handed to a DBA; see README, "Deployment") is the one the migrations make
    /// today: a migration added without regenerating it fails here, with the command that does.
    /// </summary>
    [Fact]
    public void SqlServerIdempotentScript_InDeploy_IsCurrent()
    {
        var checkedIn = Repository.PathOf(SqlServerScriptFile);
        Assert.True(File.Exists(checkedIn), $"{SqlServerScriptFile} is missing: run {RegenerateSqlServerScript}");

        var expected = SqlServerIdempotentScript().ReplaceLineEndings("\n").TrimEnd();
        var actual = File.ReadAllText(checkedIn).ReplaceLineEndings("\n").TrimEnd();

        if (expected != actual)
        {
            using var db = CreateSqlServerContext();
            var missing = db.Database.GetMigrations().Where(m => !actual.Contains($"N'{m}'", StringComparison.Ordinal)).ToList();
            Assert.Fail($"{SqlServerScriptFile} is not what the SQL Server migrations generate" +
                        (missing.Count > 0 ? $" (it lacks {string.Join(", ", missing)})" : "") +
                        $": run {RegenerateSqlServerScript}");
        }
    }

    [Fact]
    public async Task Migrate_OnAFreshSqliteFile_CreatesTheFileWhereConfigured()
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
    }

    [Fact]
    public async Task Migrate_ADatabaseOfTheFirstRelease_KeepsItsRequestsAndTheCountriesTheyPointAt()
    {
        // The second migration took the countries out of the model's seed without deleting the rows: a request made
        // before it must survive the upgrade, still pointing at its country.
        using var folder = new TemporaryFolder();
        var requestId = Guid.NewGuid();
        await using (var db = CreateSqliteContext(folder))
        {
            await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().First());
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO CalRequests (Id, Channel, CreatedAt, UpdatedAt, CountryRegionCode, CompanyName)
                VALUES ({requestId}, 'Web', {Now.UtcTicks}, {Now.UtcTicks}, 'NZ', 'Contoso Lab')
                """);
        }

        await using (var db = CreateSqliteContext(folder))
        {
            await db.Database.MigrateAsync();
            await CatalogueSeeder.SeedAsync(db);
        }

        await using var check = CreateSqliteContext(folder);
        var request = await check.CalRequests.SingleAsync(r => r.Id == requestId);
        Assert.Equal(("NZ", "Contoso Lab", 0), (request.CountryRegionCode, request.CompanyName, request.Version));
        Assert.Equal(249, await check.CountriesRegions.CountAsync());
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
    }

    private const string SqlServerScriptFile = "deploy/clearinghouse-sqlserver.sql";

    private const string RegenerateSqlServerScript = "tools/sqlserver-migration-script.sh";

    // What `dotnet ef migrations script --idempotent --context SqlServerClearinghouseDbContext` writes.
    private static string SqlServerIdempotentScript()
    {
        using var db = CreateSqlServerContext();
        return db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

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
