using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Clearinghouse.Web.Data;

/// <summary>
/// The two reads of a repeat key pack installation — the server by its ID, the key pack with its installation — on an
/// SQLite file, as statements prepared once on connections that stay open. Through EF each of them opened a pooled
/// connection (and Microsoft.Data.Sqlite registered EF's SQL functions on it, then removed them on close), had SQLite
/// parse and plan the statement again, and built the entity through EF's shaper: three quarters of the processor time
/// an installation took beyond serving a static file. See docs/decisions/0014-sqlite-point-reads.md.
/// </summary>
/// <remarks>
/// Only outside a transaction (<see cref="HotQueries"/> decides): a statement here runs on a connection of its own, so
/// it sees what is committed, as an EF read outside a transaction does, and never a transaction's own writes. Each
/// statement is its own read transaction in WAL mode; nothing is cached between calls. The column lists are the
/// entities' whole mapping: a test compares them with the EF model, so a new column cannot be left out unnoticed.
/// </remarks>
internal sealed class SqlitePointReads : IDisposable
{
    internal static readonly string[] ServerColumns =
    [
        "Id", "ActivatedAt", "CredentialHash", "DeactivatedAt", "DeactivationConfirmationCode", "FirstSeenAt", "IssuedHere",
        "OperatingSystemCode", "ProductId", "ProductVersionCode", "ReplacedAt", "ReplacedById", "Version",
    ];

    internal static readonly string[] KeyPackColumns =
    [
        "Id", "CalTypeCode", "Channel", "IssuedAt", "LicenseProgramCode", "LicenseServerId", "MigratedAt",
        "MigratedToKeyPackId", "ProductVersionCode", "PurchaseId", "PurchaseReference", "Purpose", "Quantity", "RequestId",
        "Version",
    ];

    internal static readonly string[] InstallationColumns = ["KeyPackId", "InstalledAt", "LicenseServerId"];

    private static readonly string ServerSql =
        $"SELECT {List("s", ServerColumns)} FROM \"LicenseServers\" AS s WHERE s.\"Id\" = $id";

    private static readonly string KeyPackSql =
        $"SELECT {List("k", KeyPackColumns)}, {List("i", InstallationColumns)} FROM \"KeyPacks\" AS k " +
        "LEFT JOIN \"KeyPackInstallations\" AS i ON i.\"KeyPackId\" = k.\"Id\" WHERE k.\"Id\" = $id";

    // More than the threads that can be inside a read at once on any machine this runs on; a reader beyond it is closed.
    private static readonly int MaxIdle = Math.Max(8, 2 * Environment.ProcessorCount);

    private readonly string connectionString;
    private readonly ConcurrentBag<Reader> idle = [];
    private int idleCount;
    private volatile bool disposed;

    /// <param name="connectionString">The portal's own (same file, same busy timeout); these connections are not pooled.</param>
    public SqlitePointReads(string connectionString)
    {
        this.connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
    }

    /// <summary>A license server by its canonical ID, untracked; null when there is none.</summary>
    public LicenseServer? ServerById(string id) => Read(id, static (reader, id) => reader.Server(id));

    /// <summary>A key pack by its canonical ID with its installation, untracked; null when there is none.</summary>
    public KeyPack? KeyPackWithInstallation(string id) => Read(id, static (reader, id) => reader.KeyPack(id));

    public void Dispose()
    {
        disposed = true;
        CloseIdle();
    }

    private T Read<T>(string id, Func<Reader, string, T> read)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        Reader reader;
        if (idle.TryTake(out var taken))
        {
            Interlocked.Decrement(ref idleCount);
            reader = taken;
        }
        else
        {
            reader = new Reader(connectionString);
        }

        T result;
        try
        {
            result = read(reader, id);
        }
        catch
        {
            // Whatever went wrong (a locked or vanished file), the next read starts on a fresh connection.
            reader.Dispose();
            throw;
        }

        Return(reader);
        return result;
    }

    private void Return(Reader reader)
    {
        if (disposed)
        {
            reader.Dispose();
            return;
        }

        if (Interlocked.Increment(ref idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref idleCount);
            reader.Dispose();
            return;
        }

        idle.Add(reader);

        // Disposed meanwhile: nobody else would close it.
        if (disposed)
        {
            CloseIdle();
        }
    }

    private void CloseIdle()
    {
        while (idle.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private static string List(string alias, string[] columns) =>
        string.Join(", ", columns.Select(c => $"{alias}.\"{c}\""));

    /// <summary>One open connection with both statements prepared; used by one caller at a time.</summary>
    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection connection;
        private readonly SqliteCommand server;
        private readonly SqliteCommand keyPack;

        public Reader(string connectionString)
        {
            connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                server = Prepare(connection, ServerSql);
                keyPack = Prepare(connection, KeyPackSql);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public LicenseServer? Server(string id)
        {
            server.Parameters[0].Value = id;
            using var row = server.ExecuteReader();
            if (!row.Read())
            {
                return null;
            }

            return new LicenseServer
            {
                Id = row.GetString(0),
                ActivatedAt = At(row, 1),
                CredentialHash = row.IsDBNull(2) ? null : row.GetFieldValue<byte[]>(2),
                DeactivatedAt = At(row, 3),
                DeactivationConfirmationCode = Text(row, 4),
                FirstSeenAt = At(row, 5)!.Value,
                IssuedHere = row.GetBoolean(6),
                OperatingSystemCode = Text(row, 7),
                ProductId = Text(row, 8),
                ProductVersionCode = Text(row, 9),
                ReplacedAt = At(row, 10),
                ReplacedById = Text(row, 11),
                Version = row.GetInt32(12),
            };
        }

        public KeyPack? KeyPack(string id)
        {
            keyPack.Parameters[0].Value = id;
            using var row = keyPack.ExecuteReader();
            if (!row.Read())
            {
                return null;
            }

            var installed = KeyPackColumns.Length;
            return new KeyPack
            {
                Id = row.GetString(0),
                CalTypeCode = row.GetString(1),
                Channel = Enum.Parse<RequestChannel>(row.GetString(2)),
                IssuedAt = At(row, 3)!.Value,
                LicenseProgramCode = row.GetString(4),
                LicenseServerId = row.GetString(5),
                MigratedAt = At(row, 6),
                MigratedToKeyPackId = Text(row, 7),
                ProductVersionCode = row.GetString(8),
                PurchaseId = row.IsDBNull(9) ? null : row.GetGuid(9),
                PurchaseReference = Text(row, 10),
                Purpose = Enum.Parse<KeyPackPurpose>(row.GetString(11)),
                Quantity = row.GetInt32(12),
                RequestId = row.IsDBNull(13) ? null : row.GetGuid(13),
                Version = row.GetInt32(14),
                Installation = row.IsDBNull(installed) ? null : new KeyPackInstallation
                {
                    KeyPackId = row.GetString(installed),
                    InstalledAt = At(row, installed + 1)!.Value,
                    LicenseServerId = row.GetString(installed + 2),
                },
            };
        }

        public void Dispose()
        {
            server.Dispose();
            keyPack.Dispose();
            connection.Dispose();
        }

        private static SqliteCommand Prepare(SqliteConnection connection, string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.Add("$id", SqliteType.Text).Value = string.Empty;
            command.Prepare();
            return command;
        }

        private static string? Text(SqliteDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

        // As the SQLite model stores every time: UTC ticks (SqliteClearinghouseDbContext).
        private static DateTimeOffset? At(SqliteDataReader row, int ordinal) =>
            row.IsDBNull(ordinal) ? null : new DateTimeOffset(row.GetInt64(ordinal), TimeSpan.Zero);
    }
}
