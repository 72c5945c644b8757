using System.ComponentModel;
using System.Net.Sockets;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Clearinghouse.Web.Data;

/// <summary>What kind of database failure an exception is, as far as the portal's answer is concerned.</summary>
public enum DatabaseFault
{
    /// <summary>Not one of the failures below: a fault of ours, to be logged as an error.</summary>
    None,

    /// <summary>The database is there but busy: locked, a deadlock, a lock or command timeout. Trying again soon helps.</summary>
    Busy,

    /// <summary>The database cannot be reached: no connection, no file, refused login, missing database.</summary>
    Unavailable,
}

/// <summary>
/// Tells the database failures this portal handles from the rest, for each provider, so that code catches only
/// what it means to handle: a retry loop retries a lost unique-key race and nothing else, and a busy or unreachable
/// database is answered with 503 and Retry-After instead of an error.
/// </summary>
public static class DatabaseErrors
{
    /// <summary>The save broke a unique index or primary key: another request inserted the same row first.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        // Cannot insert duplicate key row (unique index) / Violation of PRIMARY KEY or UNIQUE constraint
        SqlException sql => sql.Number is 2601 or 2627,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>
    /// Classifies <paramref name="exception"/> by the first provider exception in its chain (EF Core, the
    /// execution strategy and data protection wrap them): a busy database, an unreachable one, or neither.
    /// </summary>
    public static DatabaseFault Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SqliteException sqlite:
                    return Sqlite(sqlite);
                case SqlException sql:
                    return SqlServer(sql);
                case PostgresException postgres:
                    return PostgreSql(postgres);
                case NpgsqlException npgsql:
                    return Npgsql(npgsql);
            }
        }

        return DatabaseFault.None;
    }

    /// <summary>The provider's own message for <paramref name="exception"/>, on one line; none of them quote passwords.</summary>
    public static string Describe(Exception exception)
    {
        var message = exception.Message;
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqliteException or SqlException or NpgsqlException)
            {
                message = current.Message;
                // Npgsql's "Failed to connect to 127.0.0.1:5432" says where; the socket error says why.
                if (current is NpgsqlException { InnerException: SocketException or IOException or TimeoutException } &&
                    !string.IsNullOrWhiteSpace(current.InnerException.Message))
                {
                    message += $" ({current.InnerException.Message})";
                }

                break;
            }
        }

        return string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static DatabaseFault Sqlite(SqliteException exception) => exception.SqliteErrorCode switch
    {
        // SQLITE_BUSY, SQLITE_LOCKED: another connection holds the write lock past the busy timeout.
        5 or 6 => DatabaseFault.Busy,
        // SQLITE_IOERR, SQLITE_CANTOPEN: the file cannot be read or opened.
        10 or 14 => DatabaseFault.Unavailable,
        _ => DatabaseFault.None,
    };

    private static DatabaseFault SqlServer(SqlException exception)
    {
        foreach (SqlError error in exception.Errors)
        {
            switch (error.Number)
            {
                // Timeout expired; deadlock victim; lock request time-out; service busy; resource limits.
                case -2 or 1205 or 1222 or 40501 or 10928 or 10929 or 49918 or 49919 or 49920:
                    return DatabaseFault.Busy;
                // Network and instance errors while connecting; database cannot be opened; login failed;
                // database not currently available (Azure SQL).
                case 2 or 35 or 40 or 53 or 64 or 121 or 233 or 4060 or 10053 or 10054 or 10060 or 10061 or 11001
                    or 18456 or 40197 or 40613 or 42108 or 42109:
                    return DatabaseFault.Unavailable;
            }
        }

        // A severity of 20 or more closes the connection; a socket error means there was none.
        return exception.Class >= 20 || exception.InnerException is SocketException or Win32Exception
            ? DatabaseFault.Unavailable
            : DatabaseFault.None;
    }

    private static DatabaseFault PostgreSql(PostgresException exception) => exception.SqlState switch
    {
        PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure or
            PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.QueryCanceled or
            PostgresErrorCodes.TooManyConnections => DatabaseFault.Busy,
        PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow or
            PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.InvalidAuthorizationSpecification or
            PostgresErrorCodes.InvalidPassword => DatabaseFault.Unavailable,
        // Class 08: connection exceptions.
        { } state when state.StartsWith("08", StringComparison.Ordinal) => DatabaseFault.Unavailable,
        _ => DatabaseFault.None,
    };

    // Raised by Npgsql itself, not the server: a command or pool timeout, or the network.
    private static DatabaseFault Npgsql(NpgsqlException exception) => exception.InnerException switch
    {
        TimeoutException => DatabaseFault.Busy,
        _ when exception.IsTransient => DatabaseFault.Unavailable,
        _ => DatabaseFault.None,
    };
}
