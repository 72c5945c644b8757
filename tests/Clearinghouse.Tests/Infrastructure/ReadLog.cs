using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Clearinghouse.Tests.Infrastructure;

/// <summary>One query a context ran: its SQL, its parameters, and whether it ran in a transaction.</summary>
public sealed record LoggedRead(string Text, IReadOnlyList<(string Name, object? Value)> Parameters, bool InTransaction);

/// <summary>
/// Logs the queries (reader commands) a context runs whose SQL contains <paramref name="containing"/> (all of them when
/// null): for tests about what the code under test reads, and how.
/// </summary>
public sealed class ReadLog(string? containing = null) : DbCommandInterceptor
{
    private readonly List<LoggedRead> _reads = [];

    public IReadOnlyList<LoggedRead> Reads
    {
        get
        {
            lock (_reads)
            {
                return [.. _reads];
            }
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Log(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Log(command);
        return ValueTask.FromResult(result);
    }

    private void Log(DbCommand command)
    {
        if (containing is not null && !command.CommandText.Contains(containing, StringComparison.Ordinal))
        {
            return;
        }

        var parameters = command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList();
        lock (_reads)
        {
            _reads.Add(new LoggedRead(command.CommandText, parameters, command.Transaction is not null));
        }
    }
}
