using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Clearinghouse.Tests.Infrastructure;

/// <summary>
/// Runs <paramref name="action"/> once, just before the first query that reads <paramref name="table"/>: for a test that
/// puts another transaction's commit exactly between two reads of the code under test.
/// </summary>
public sealed class BeforeFirstRead(string table, Func<Task> action) : DbCommandInterceptor
{
    private int _done;

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains($"FROM \"{table}\"", StringComparison.Ordinal) && Interlocked.Exchange(ref _done, 1) == 0)
        {
            await action();
        }

        return result;
    }
}
