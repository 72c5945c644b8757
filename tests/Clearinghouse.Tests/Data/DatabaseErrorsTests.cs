using System.Net;
using System.Net.Sockets;
using Clearinghouse.Web.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Clearinghouse.Tests.Data;

/// <summary>Real failures from each provider, classified as the portal answers them.</summary>
public sealed class DatabaseErrorsTests
{
    [Fact]
    public async Task Classify_ASqliteWriteBlockedByAnotherConnection_IsBusy()
    {
        using var folder = new TemporaryFolder();
        var file = $"Data Source={Path.Combine(folder.Path, "x.db")};Pooling=False";
        await using var holder = new SqliteConnection(file);
        await holder.OpenAsync();
        await Execute(holder, "CREATE TABLE t (x INTEGER); BEGIN IMMEDIATE;");
        await using var writer = new SqliteConnection(file + ";Default Timeout=1");
        await writer.OpenAsync();

        var error = await Assert.ThrowsAsync<SqliteException>(() => Execute(writer, "INSERT INTO t VALUES (1)"));

        Assert.Equal(DatabaseFault.Busy, DatabaseErrors.Classify(new DbUpdateException("wrapped", error)));
        Assert.Contains("database is locked", DatabaseErrors.Describe(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Classify_ASqliteFileThatCannotBeOpened_IsUnavailable()
    {
        using var folder = new TemporaryFolder();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder.Path, "missing", "x.db")};Mode=ReadWrite");

        var error = await Assert.ThrowsAsync<SqliteException>(() => connection.OpenAsync());

        Assert.Equal(DatabaseFault.Unavailable, DatabaseErrors.Classify(error));
    }

    [Fact]
    public async Task Classify_ASqliteConstraint_IsNeither()
    {
        using var folder = new TemporaryFolder();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder.Path, "x.db")};Pooling=False");
        await connection.OpenAsync();
        await Execute(connection, "CREATE TABLE t (x INTEGER PRIMARY KEY); INSERT INTO t VALUES (1);");

        var error = await Assert.ThrowsAsync<SqliteException>(() => Execute(connection, "INSERT INTO t VALUES (1)"));

        Assert.Equal(DatabaseFault.None, DatabaseErrors.Classify(error));
    }

    [Fact]
    public async Task Classify_SqlServerAtAClosedPort_IsUnavailable()
    {
        await using var connection = new SqlConnection(
            $"Server=127.0.0.1,{ClosedPort()};Database=x;User Id=sa;Password=x;TrustServerCertificate=true;Connect Timeout=1");

        var error = await Assert.ThrowsAsync<SqlException>(() => connection.OpenAsync());

        Assert.Equal(DatabaseFault.Unavailable, DatabaseErrors.Classify(new InvalidOperationException("wrapped", error)));
    }

    [Fact]
    public async Task Classify_PostgreSqlAtAClosedPort_IsUnavailable_AndSaysWhy()
    {
        var port = ClosedPort();
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Database=x;Username=x;Password=x;Timeout=1");

        var error = await Assert.ThrowsAsync<NpgsqlException>(() => connection.OpenAsync());

        Assert.Equal(DatabaseFault.Unavailable, DatabaseErrors.Classify(error));
        Assert.Equal($"Failed to connect to 127.0.0.1:{port} (Connection refused)", DatabaseErrors.Describe(error));
    }

    [Theory]
    [InlineData(PostgresErrorCodes.DeadlockDetected, DatabaseFault.Busy)]
    [InlineData(PostgresErrorCodes.LockNotAvailable, DatabaseFault.Busy)]
    [InlineData(PostgresErrorCodes.QueryCanceled, DatabaseFault.Busy)]
    [InlineData(PostgresErrorCodes.CannotConnectNow, DatabaseFault.Unavailable)]
    [InlineData(PostgresErrorCodes.InvalidPassword, DatabaseFault.Unavailable)]
    [InlineData(PostgresErrorCodes.ConnectionFailure, DatabaseFault.Unavailable)]
    [InlineData(PostgresErrorCodes.UniqueViolation, DatabaseFault.None)]
    [InlineData(PostgresErrorCodes.UndefinedTable, DatabaseFault.None)]
    public void Classify_APostgreSqlServerError_ByItsState(string sqlState, DatabaseFault expected)
    {
        var error = new PostgresException("message", "ERROR", "ERROR", sqlState);

        Assert.Equal(expected, DatabaseErrors.Classify(new DbUpdateException("wrapped", error)));
    }

    [Fact]
    public void Classify_SomethingElse_IsNeither() =>
        Assert.Equal(DatabaseFault.None, DatabaseErrors.Classify(new InvalidOperationException("no", new TimeoutException())));

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
