using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Clearinghouse.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Clearinghouse.Web.Data;

/// <summary>
/// Lets one connection of this portal write to the SQLite file at a time, and has the others wait for it in turn,
/// without a thread. SQLite itself allows one writer; a second one that finds the file locked is refused
/// (SQLITE_BUSY), and Microsoft.Data.Sqlite retries it after sleeping 150 ms on a blocked thread. Under parallel
/// writes (a lab issuing key packs from many scripts) most of the time went to those sleeps: 16 clients issued fewer
/// key packs per second than one. Here a transaction, or a writing statement outside one, first takes this gate.
/// </summary>
/// <remarks>
/// The gate only orders this process's writers: SQLite's lock still decides, so another process on the same file, or
/// a gate given up after <see cref="DatabaseOptions.SqliteBusyTimeout"/> (a writer that waits for another of its own
/// connections would otherwise wait for ever), falls back to SQLite's busy handling as before. It is released when the
/// transaction ends, when the statement has run, and in any case when the connection closes. Once it has left the
/// gate, a commit waits for the log to be synced (<see cref="SqliteGroupCommit"/>), so that the next writer need not.
/// See docs/decisions/0013-sqlite-one-writer-and-group-commit.md.
/// </remarks>
internal sealed class SqliteWriteGate(TimeSpan wait, ClearinghouseMetrics? metrics = null) : IDbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor, IDisposable
{
    private readonly WriterQueue gate = new(wait);

    /// <summary>Per SQLite handle (pooled across opens): whether it runs with synchronous=NORMAL, its commits synced here.</summary>
    private readonly ConditionalWeakTable<object, StrongBox<bool>> relaxed = [];

    /// <summary>Per connection: whether it holds the gate (a connection is used by one caller at a time).</summary>
    private readonly ConditionalWeakTable<DbConnection, Holding> holdings = [];

    private SqliteGroupCommit? groupCommit;

    /// <summary>The group commit of this database's log, once a connection has opened it in WAL mode.</summary>
    public SqliteGroupCommit? GroupCommit => Volatile.Read(ref groupCommit);

    // --- Transactions: the gate from before BEGIN until the transaction ends. ---

    public InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Enter(connection, Hold.Transaction);
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default)
    {
        await EnterAsync(connection, Hold.Transaction, cancellationToken);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        LeaveCommitted(eventData.Context?.Database.GetDbConnection())?.GetAwaiter().GetResult();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        LeaveCommitted(eventData.Context?.Database.GetDbConnection()) ?? Task.CompletedTask;

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.Context?.Database.GetDbConnection());

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.Context?.Database.GetDbConnection());
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Leave(eventData.Context?.Database.GetDbConnection());

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.Context?.Database.GetDbConnection());
        return Task.CompletedTask;
    }

    // --- Statements outside a transaction: a writing one holds the gate while it runs. ---

    public InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        EnterForStatement(command, Hold.Reader);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        await EnterForStatementAsync(command, Hold.Reader, cancellationToken);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        EnterForStatement(command, Hold.Statement);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await EnterForStatementAsync(command, Hold.Statement, cancellationToken);
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        EnterForStatement(command, Hold.Statement);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await EnterForStatementAsync(command, Hold.Statement, cancellationToken);
        return result;
    }

    // A reader's statement (INSERT … RETURNING) commits when the reader is done with it: the gate is left when the
    // reader is disposed (or the connection closes, or the statement fails).
    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        // Committed only once the reader is disposed, just after this: synced when the connection closes.
        if (command.Connection is { } connection && HoldOf(connection) == Hold.Reader)
        {
            holdings.GetOrCreateValue(connection).FlushPending = IsRelaxed(connection);
            Leave(connection);
        }

        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        LeaveAfterStatement(command)?.GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<int> NonQueryExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await (LeaveAfterStatement(command) ?? Task.CompletedTask);
        return result;
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        LeaveAfterStatement(command)?.GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<object?> ScalarExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        await (LeaveAfterStatement(command) ?? Task.CompletedTask);
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => LeaveFailedStatement(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveFailedStatement(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => LeaveFailedStatement(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveFailedStatement(command);
        return Task.CompletedTask;
    }

    // --- Each SQLite handle in WAL mode writes with synchronous=NORMAL, its commits synced together. ---

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Configure(connection);

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Configure(connection);
        return Task.CompletedTask;
    }

    // --- Whatever happened, a closed connection holds nothing, and what it committed is synced. ---

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => LeaveClosed(connection)?.GetAwaiter().GetResult();

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData) => LeaveClosed(connection) ?? Task.CompletedTask;

    public void ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => LeaveClosed(connection)?.GetAwaiter().GetResult();

    public Task ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData) => LeaveClosed(connection) ?? Task.CompletedTask;

    /// <summary>
    /// Whether a statement outside a transaction may write. Reads — SELECT, and PRAGMA queries — never wait; anything
    /// else (INSERT … RETURNING included) is taken for a write, which at worst waits when it need not.
    /// </summary>
    internal static bool MayWrite(string? sql)
    {
        var text = (sql ?? string.Empty).AsSpan().TrimStart();
        return !(text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) ||
                 text.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase));
    }

    private bool NeedsGateForStatement(DbCommand command) =>
        command.Transaction is null && command.Connection is { } connection && HoldOf(connection) == Hold.None &&
        MayWrite(command.CommandText);

    private void EnterForStatement(DbCommand command, Hold kind)
    {
        if (NeedsGateForStatement(command))
        {
            Enter(command.Connection!, kind);
        }
    }

    private async ValueTask EnterForStatementAsync(DbCommand command, Hold kind, CancellationToken cancellationToken)
    {
        if (NeedsGateForStatement(command))
        {
            await EnterAsync(command.Connection!, kind, cancellationToken);
        }
    }

    /// <summary>After a statement run outside a transaction: leaves its hold; the sync of its commit to wait for, if any.</summary>
    private Task? LeaveAfterStatement(DbCommand command)
    {
        if (command.Connection is not { } connection || HoldOf(connection) != Hold.Statement)
        {
            return null;
        }

        Leave(connection);
        return IsRelaxed(connection) ? GroupCommit?.FlushAsync() : null;
    }

    /// <summary>After a statement that failed or was cancelled outside a transaction: leaves its hold (nothing committed).</summary>
    private void LeaveFailedStatement(DbCommand command)
    {
        if (command.Connection is { } connection && HoldOf(connection) is Hold.Statement or Hold.Reader)
        {
            Leave(connection);
        }
    }

    /// <summary>After COMMIT: leaves the gate, then the sync to wait for, if any.</summary>
    private Task? LeaveCommitted(DbConnection? connection)
    {
        if (connection is null)
        {
            return null;
        }

        Leave(connection);
        return IsRelaxed(connection) ? GroupCommit?.FlushAsync() : null;
    }

    /// <summary>When the connection closes: leaves whatever it held; the sync of a commit made by a reader, if any.</summary>
    private Task? LeaveClosed(DbConnection connection)
    {
        Leave(connection);
        if (!holdings.TryGetValue(connection, out var holding) || !holding.FlushPending)
        {
            return null;
        }

        holding.FlushPending = false;
        return GroupCommit?.FlushAsync();
    }

    /// <summary>
    /// On a handle's first open in WAL mode: synchronous=NORMAL, its commits then synced by the group commit. A file
    /// not (yet) in WAL mode keeps SQLite's FULL until it is: a fresh database's first handles, opened before the
    /// migration switches it to WAL, sync each commit themselves until then.
    /// </summary>
    private void Configure(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || relaxed.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = sqlite.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        var wal = string.Equals(command.ExecuteScalar() as string, "wal", StringComparison.OrdinalIgnoreCase) &&
            !string.IsNullOrEmpty(sqlite.DataSource);
        if (wal)
        {
            command.CommandText = "PRAGMA synchronous=NORMAL;";
            command.ExecuteNonQuery();
            Interlocked.CompareExchange(ref groupCommit, new SqliteGroupCommit(sqlite.DataSource + "-wal"), null);
        }

        // A file not in WAL mode yet is asked again at the next open: the migration may switch it any moment.
        if (wal || string.IsNullOrEmpty(sqlite.DataSource))
        {
            relaxed.AddOrUpdate(handle, new StrongBox<bool>(wal));
        }
    }

    private bool IsRelaxed(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && relaxed.TryGetValue(handle, out var box) && box.Value;

    private Hold HoldOf(DbConnection connection) => holdings.TryGetValue(connection, out var holding) ? holding.Kind : Hold.None;

    private void Enter(DbConnection connection, Hold kind)
    {
        if (!Held(connection, kind))
        {
            holdings.GetOrCreateValue(connection).Take(gate.Enter() ? kind : Hold.None);
        }
    }

    private async ValueTask EnterAsync(DbConnection connection, Hold kind, CancellationToken cancellationToken)
    {
        if (!Held(connection, kind))
        {
            // Not entered in time: go on without the gate; SQLite's own lock decides, as it always does.
            var entered = await gate.EnterAsync(cancellationToken);
            holdings.GetOrCreateValue(connection).Take(entered ? kind : Hold.None);
        }
    }

    /// <summary>Whether the connection holds the gate already; a transaction begun then keeps it until it ends.</summary>
    private bool Held(DbConnection connection, Hold kind)
    {
        if (!holdings.TryGetValue(connection, out var holding) || holding.Kind == Hold.None)
        {
            return false;
        }

        if (kind == Hold.Transaction)
        {
            holding.Kind = Hold.Transaction;
        }

        return true;
    }

    private void Leave(DbConnection? connection)
    {
        if (connection is not null && holdings.TryGetValue(connection, out var holding) && holding.Kind != Hold.None)
        {
            holding.Kind = Hold.None;
            gate.Release();
            metrics?.SqliteWriteTurnHeld(Stopwatch.GetElapsedTime(holding.Since));
        }
    }

    public void Dispose() => gate.Dispose();

    private enum Hold
    {
        None,

        /// <summary>A statement run with ExecuteNonQuery or ExecuteScalar: done when it returns.</summary>
        Statement,

        /// <summary>A writing statement read as a reader: done when the connection closes.</summary>
        Reader,

        /// <summary>From BEGIN to COMMIT or ROLLBACK.</summary>
        Transaction,
    }

    private sealed class Holding
    {
        public Hold Kind { get; set; }

        /// <summary>When it took the gate (<see cref="Stopwatch.GetTimestamp"/>).</summary>
        public long Since { get; private set; }

        public void Take(Hold kind)
        {
            Kind = kind;
            Since = Stopwatch.GetTimestamp();
        }

        /// <summary>A reader's statement committed on a relaxed handle: synced when the connection closes.</summary>
        public bool FlushPending { get; set; }
    }
}
