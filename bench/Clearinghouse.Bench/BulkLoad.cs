using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Clearinghouse.Bench;

/// <summary>
/// Fills a portal's database with key packs for the scale figure, straight in SQL (not through HTTP): copies of one key
/// pack issued and installed through the API — its request, installation and audit entries with it — under new IDs,
/// spread over one license server per 100 key packs. The key pack IDs are scattered (a multiplicative permutation), as
/// random issued IDs are, so the primary key's index is not filled in order. Columns are read from the database, so a
/// model change needs no change here.
/// </summary>
internal static class BulkLoad
{
    private const int KeyPacksPerServer = 100;

    public static async Task<Measurement> RunAsync(string provider, string connectionString, string keyPackId, long count)
    {
        var postgres = provider == "postgres";
        await using DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        if (!postgres)
        {
            // Scattered IDs insert all over the indexes: with SQLite's default 2 MB page cache the load spills pages
            // to the WAL again and again.
            await ScalarAsync(connection, "PRAGMA cache_size = -524288");
        }

        var stopwatch = Stopwatch.StartNew();
        var source = await ScalarAsync(connection, $"""SELECT "RequestId" FROM "KeyPacks" WHERE "Id" = '{keyPackId}'""")
            ?? throw new InvalidOperationException($"no key pack {keyPackId} with a request to copy");
        var serverId = await ScalarAsync(connection, $"""SELECT "LicenseServerId" FROM "KeyPacks" WHERE "Id" = '{keyPackId}'""");
        var requestId = Convert.ToString(source, CultureInfo.InvariantCulture);

        // i runs 1..count; the copies' IDs, 35 characters like the real ones (never valid: they are only looked past).
        var numbers = postgres
            ? $"generate_series(1, {count}) AS n(i)"
            : $"(WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < {count}) SELECT i FROM r) AS n";
        var keyPack = postgres ? "'BK' || lpad(((n.i * 1103515245) % 2147483647)::text, 33, '0')" : "'BK' || printf('%033d', (n.i * 1103515245) % 2147483647)";
        var server = postgres ? $"'BS' || lpad((n.i / {KeyPacksPerServer})::text, 33, '0')" : $"'BS' || printf('%033d', n.i / {KeyPacksPerServer})";
        var request = postgres ? "('00000000-0000-4000-8000-' || lpad(n.i::text, 12, '0'))::uuid" : "'00000000-0000-4000-8000-' || printf('%012d', n.i)";
        var serverNumbers = postgres
            ? $"generate_series(0, {count / KeyPacksPerServer}) AS n(i)"
            : $"(WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i < {count / KeyPacksPerServer}) SELECT i FROM r) AS n";
        var serverOfNumber = postgres ? "'BS' || lpad(n.i::text, 33, '0')" : "'BS' || printf('%033d', n.i)";
        var requestLiteral = postgres ? $"'{requestId}'::uuid" : $"'{requestId}'";

        await using var transaction = await connection.BeginTransactionAsync();
        await CopyAsync(connection, transaction, "LicenseServers", serverNumbers, $"\"t\".\"Id\" = '{serverId}'",
            new() { ["Id"] = serverOfNumber, ["CredentialHash"] = "NULL" });
        await CopyAsync(connection, transaction, "CalRequests", numbers, $"\"t\".\"Id\" = {requestLiteral}",
            new() { ["Id"] = request, ["TargetLicenseServerId"] = server });
        await CopyAsync(connection, transaction, "KeyPacks", numbers, $"\"t\".\"Id\" = '{keyPackId}'",
            new() { ["Id"] = keyPack, ["RequestId"] = request, ["LicenseServerId"] = server });
        await CopyAsync(connection, transaction, "KeyPackInstallations", numbers, $"\"t\".\"KeyPackId\" = '{keyPackId}'",
            new() { ["KeyPackId"] = keyPack, ["LicenseServerId"] = server });
        await CopyAsync(connection, transaction, "AuditEntries", numbers, $"\"t\".\"Subject\" = '{keyPackId}'",
            new() { ["Id"] = null, ["Subject"] = keyPack });
        await transaction.CommitAsync();

        if (postgres)
        {
            await ScalarAsync(connection, "CHECKPOINT");
        }
        else
        {
            await ScalarAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
        }

        return new Measurement(count, stopwatch.Elapsed, 0, []);
    }

    /// <summary>The database's size in bytes (SQLite: its pages; PostgreSQL: pg_database_size).</summary>
    public static async Task<long> SizeAsync(string provider, string connectionString)
    {
        var postgres = provider == "postgres";
        await using DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var size = await ScalarAsync(connection, postgres
            ? "SELECT pg_database_size(current_database())"
            : "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
        return Convert.ToInt64(size, CultureInfo.InvariantCulture);
    }

    /// <summary>INSERT INTO table SELECT (the source row's columns, some replaced) FROM the source row × numbers.</summary>
    private static async Task CopyAsync(DbConnection connection, DbTransaction transaction, string table, string numbers,
        string sourceRow, Dictionary<string, string?> replaced)
    {
        var columns = new List<string>();
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = connection is SqliteConnection
                ? $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
                : $"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' AND table_schema = current_schema() ORDER BY ordinal_position";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        var kept = columns.Where(c => !replaced.TryGetValue(c, out var value) || value is not null).ToList();
        var values = kept.Select(c => replaced.TryGetValue(c, out var value) ? value : $"\"t\".\"{c}\"");
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandTimeout = 600;
        insert.CommandText = $"""
            INSERT INTO "{table}" ({string.Join(", ", kept.Select(c => $"\"{c}\""))})
            SELECT {string.Join(", ", values)} FROM "{table}" AS t, {numbers} WHERE {sourceRow}
            """;
        await insert.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        return await command.ExecuteScalarAsync();
    }
}
