using Clearinghouse.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Clearinghouse.Tests.Infrastructure;

/// <summary>
/// An empty database of the test's own on one provider, removed with everything in it afterwards: an SQLite file
/// in a temporary folder, or a PostgreSQL database created on the server that <c>./test.sh</c> starts.
/// </summary>
public abstract class TestDatabase : IDisposable
{
    /// <summary>
    /// The environment variable naming the PostgreSQL server the tests may create databases on: a connection string
    /// for a role with CREATEDB. <c>./test.sh</c> starts a local cluster, creates a throwaway role and sets it.
    /// </summary>
    public const string PostgreSqlVariable = "CLEARINGHOUSE_TEST_POSTGRES";

    public abstract DatabaseProvider Provider { get; }

    /// <summary>What the portal is given as <c>ConnectionStrings:Clearinghouse</c>.</summary>
    public abstract string ConnectionString { get; }

    public static TestDatabase Create(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteTestDatabase(),
        DatabaseProvider.PostgreSql => new PostgreSqlTestDatabase(),
        DatabaseProvider.SqlServer => throw new NotSupportedException(
            "SQL Server cannot run on these machines; its migrations are checked without a server."),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>
    /// A context on this database built the way the portal builds its own, for data-layer tests; with
    /// <paramref name="interceptors"/>, for a test that acts between two of its commands.
    /// </summary>
    public ClearinghouseDbContext CreateContext(params IInterceptor[] interceptors) => Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteClearinghouseDbContext(
            new DbContextOptionsBuilder<SqliteClearinghouseDbContext>().UseSqlite(ConnectionString).AddInterceptors(interceptors).Options),
        DatabaseProvider.PostgreSql => new PostgreSqlClearinghouseDbContext(
            new DbContextOptionsBuilder<PostgreSqlClearinghouseDbContext>().UseNpgsql(ConnectionString).AddInterceptors(interceptors).Options),
        _ => throw new NotSupportedException($"No test context for {Provider}."),
    };

    public override string ToString() => Provider.ToString();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder =
        Path.Combine(Path.GetTempPath(), "clearinghouse-tests", Guid.NewGuid().ToString("N"));

    public SqliteTestDatabase() => Directory.CreateDirectory(_folder);

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string FilePath => Path.Combine(_folder, "clearinghouse.db");

    public override string ConnectionString => $"Data Source={FilePath}";

    protected override void Dispose(bool disposing)
    {
        // Pooled connections keep the file (and its -wal and -shm companions) open.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

public sealed class PostgreSqlTestDatabase : TestDatabase
{
    private readonly string _server;

    public PostgreSqlTestDatabase()
    {
        _server = Environment.GetEnvironmentVariable(PostgreSqlVariable) is { Length: > 0 } configured
            ? configured
            : throw new InvalidOperationException(
                $"The PostgreSQL tests need a server: run ./test.sh (it starts a local PostgreSQL cluster and sets " +
                $"{PostgreSqlVariable}), or set {PostgreSqlVariable} to a connection string for a role with CREATEDB. " +
                "To leave them out: dotnet test --filter Database!=PostgreSql.");
        Name = $"clearinghouse_test_{Guid.NewGuid():N}";
        Execute($"CREATE DATABASE \"{Name}\"");
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = Name }.ConnectionString;
    }

    public string Name { get; }

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public override string ConnectionString { get; }

    protected override void Dispose(bool disposing)
    {
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        // FORCE ends the test's own connections, but not a server process of another role that is briefly in the
        // database (autovacuum after the test's writes): then PostgreSQL refuses, and a moment later it is gone. A
        // database still left over is dropped with the role at the end of ./test.sh.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Execute($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 10)
            {
                Thread.Sleep(200 * attempt);
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                return;
            }
        }
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
