using Clearinghouse.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Clearinghouse.Tests.Data;

public sealed class DatabaseSetupTests
{
    [Fact]
    public void SqliteConnectionString_WhenTheDataSourceIsRelative_PutsItUnderTheContentRootAndCreatesTheFolder()
    {
        using var folder = new TemporaryFolder();
        var expectedFolder = Path.Combine(folder.Path, "App_Data", "lab");

        var result = DatabaseSetup.SqliteConnectionString("Data Source=App_Data/lab/clearinghouse.db;Cache=Shared", folder.Path);

        var builder = new SqliteConnectionStringBuilder(result);
        Assert.True(Path.IsPathRooted(builder.DataSource));
        Assert.Equal(Path.Combine(expectedFolder, "clearinghouse.db"), builder.DataSource);
        Assert.Equal(SqliteCacheMode.Shared, builder.Cache);
        Assert.True(Directory.Exists(expectedFolder));
        Assert.False(File.Exists(builder.DataSource));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void SqliteConnectionString_WhenNoneIsConfigured_UsesAppDataUnderTheContentRoot(string? configured)
    {
        using var folder = new TemporaryFolder();

        var result = DatabaseSetup.SqliteConnectionString(configured, folder.Path);

        Assert.Equal(
            Path.Combine(folder.Path, "App_Data", "clearinghouse.db"),
            new SqliteConnectionStringBuilder(result).DataSource);
        Assert.True(Directory.Exists(Path.Combine(folder.Path, "App_Data")));
    }

    [Fact]
    public void SqliteConnectionString_WhenTheDataSourceIsAbsolute_KeepsItAndCreatesItsFolder()
    {
        using var folder = new TemporaryFolder();
        using var elsewhere = new TemporaryFolder();
        var file = Path.Combine(elsewhere.Path, "data", "x.db");

        var result = DatabaseSetup.SqliteConnectionString($"Data Source={file}", folder.Path);

        Assert.Equal(file, new SqliteConnectionStringBuilder(result).DataSource);
        Assert.True(Directory.Exists(Path.Combine(elsewhere.Path, "data")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=lab;Mode=Memory;Cache=Shared")]
    public void SqliteConnectionString_ForAnInMemoryDatabase_LeavesItAlone(string configured)
    {
        using var folder = new TemporaryFolder();

        var result = DatabaseSetup.SqliteConnectionString(configured, folder.Path);

        Assert.Equal(
            new SqliteConnectionStringBuilder(configured).DataSource,
            new SqliteConnectionStringBuilder(result).DataSource);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task MigrateClearinghouseDatabaseAsync_WithSqliteByDefault_CreatesTheFileUnderTheContentRootInWalMode()
    {
        using var folder = new TemporaryFolder();
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddClearinghouseDatabase(configuration, new Environment(folder.Path));

        await using (var provider = services.BuildServiceProvider())
        {
            await provider.MigrateClearinghouseDatabaseAsync();

            await using var scope = provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClearinghouseDbContext>();
            Assert.IsType<SqliteClearinghouseDbContext>(db);
            Assert.Equal(249, await db.CountriesRegions.CountAsync());
        }

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder.Path, "App_Data", "clearinghouse.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public void AddClearinghouseDatabase_ForSqlServerWithoutAConnectionString_SaysWhatIsMissingAtStart()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "SqlServer" })
            .Build();
        var services = new ServiceCollection();

        // No logger yet at registration: the problem is kept for the start-up to say in one line.
        services.AddClearinghouseDatabase(configuration, new Environment(Path.GetTempPath()));

        using var provider = services.BuildServiceProvider();
        var problem = Assert.Single(provider.GetServices<StartupProblem>());
        Assert.Contains("ConnectionStrings:Clearinghouse", problem.Message, StringComparison.Ordinal);
        Assert.Null(provider.GetService<DatabaseTarget>());
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("1")]
    public void AddClearinghouseDatabase_WithAnUnknownProvider_NamesTheAllowedValuesAtStart(string configured)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = configured })
            .Build();
        var services = new ServiceCollection();

        services.AddClearinghouseDatabase(configuration, new Environment(Path.GetTempPath()));

        using var provider = services.BuildServiceProvider();
        var problem = Assert.Single(provider.GetServices<StartupProblem>());
        Assert.Contains($"Database:Provider is '{configured}'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite, SqlServer, PostgreSql", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlserver", "Server=db.lab,1433;Database=Clearinghouse;User Id=sa;Password=hush", "SqlServer server db.lab,1433, database Clearinghouse")]
    [InlineData("PostgreSql", "Host=db.lab;Port=5433;Database=clearinghouse;Username=lab;Password=hush", "PostgreSql server db.lab:5433, database clearinghouse")]
    public void AddClearinghouseDatabase_SaysWhereTheDataLivesWithoutThePassword(string configured, string connectionString, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = configured,
                ["ConnectionStrings:Clearinghouse"] = connectionString,
            })
            .Build();
        var services = new ServiceCollection();

        services.AddClearinghouseDatabase(configuration, new Environment(Path.GetTempPath()));

        using var provider = services.BuildServiceProvider();
        var target = provider.GetRequiredService<DatabaseTarget>();
        Assert.Equal(expected, target.ToString());
        Assert.DoesNotContain("hush", target.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddClearinghouseDatabase_ForSqlite_WaitsForALockOnlyAsLongAsTheBusyTimeout()
    {
        using var folder = new TemporaryFolder();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:SqliteBusyTimeout"] = "00:00:01" })
            .Build();
        var services = new ServiceCollection();
        services.AddClearinghouseDatabase(configuration, new Environment(folder.Path));
        await using var provider = services.BuildServiceProvider();
        await provider.MigrateClearinghouseDatabaseAsync();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearinghouseDbContext>();

        Assert.Equal(1, new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DefaultTimeout);
    }

    [Fact]
    public void AddClearinghouseDatabase_ForSqlServer_RegistersTheSqlServerContext()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "SqlServer",
                ["ConnectionStrings:Clearinghouse"] = "Server=sql.invalid;Database=Clearinghouse;Integrated Security=true",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddClearinghouseDatabase(configuration, new Environment(Path.GetTempPath()));

        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearinghouseDbContext>();

        Assert.IsType<SqlServerClearinghouseDbContext>(db);
        Assert.True(db.Database.IsSqlServer());
    }

    private sealed class Environment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;

        public string ApplicationName { get; set; } = "Clearinghouse.Tests";

        public string ContentRootPath { get; set; } = contentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
