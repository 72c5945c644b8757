using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Clearinghouse.Bench;

/// <summary>
/// The ceiling for issuance: how many single-row transactions the database commits durably per second on this disk, one
/// after another on one connection — the rate SQLite's single writer allows at most.
/// </summary>
internal static class RawCommits
{
    /// <summary>A throwaway file in <paramref name="folder"/>, in the portal's journal mode (WAL) with synchronous=FULL.</summary>
    public static async Task<Measurement> SqliteAsync(string folder, TimeSpan duration)
    {
        var file = Path.Combine(folder, $"raw-commits-{Environment.ProcessId}.db");
        try
        {
            await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            await connection.OpenAsync();
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);");
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO t (v) VALUES ($v)";
            var value = insert.Parameters.Add("$v", SqliteType.Text);
            return await LoopAsync(duration, async () =>
            {
                value.Value = Guid.NewGuid().ToString();
                await insert.ExecuteNonQueryAsync();
            });
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }
        }
    }

    /// <summary>A throwaway table in the database the connection names (synchronous_commit as the server has it: on).</summary>
    public static async Task<Measurement> PostgresAsync(string connectionString, TimeSpan duration)
    {
        var table = $"bench_raw_commits_{Environment.ProcessId}";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE TABLE {table} (id bigserial PRIMARY KEY, v text NOT NULL)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            await using var insert = new NpgsqlCommand($"INSERT INTO {table} (v) VALUES ($1)", connection);
            var value = insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            return await LoopAsync(duration, async () =>
            {
                value.Value = Guid.NewGuid().ToString();
                await insert.ExecuteNonQueryAsync();
            });
        }
        finally
        {
            await using var drop = new NpgsqlCommand($"DROP TABLE {table}", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<Measurement> LoopAsync(TimeSpan duration, Func<Task> commit)
    {
        var latencies = new List<double>();
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < duration)
        {
            var started = stopwatch.Elapsed;
            await commit();
            latencies.Add((stopwatch.Elapsed - started).TotalMilliseconds);
        }

        return new Measurement(latencies.Count, stopwatch.Elapsed, 0, latencies);
    }
}
