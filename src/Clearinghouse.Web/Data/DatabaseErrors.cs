using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Clearinghouse.Web.Data;

/// <summary>
/// Tells the database failures this portal handles from the rest, for each provider, so that code catches only
/// what it means to handle: a retry loop retries a lost unique-key race and nothing else.
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
}
