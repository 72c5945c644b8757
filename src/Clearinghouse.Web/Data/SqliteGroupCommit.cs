using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Clearinghouse.Web.Data;

/// <summary>
/// Makes SQLite commits durable together: one fsync of the write-ahead log for every commit that waits for it, instead
/// of one each. With <c>synchronous=FULL</c> (SQLite's default) every commit syncs the log while it still holds the
/// write lock, so writers queue behind each other's disk flushes and a second can never commit more often than the
/// disk flushes. The portal's connections run with <c>synchronous=NORMAL</c> (in WAL mode: the log is written at
/// commit, and synced only at checkpoints), and every commit, once its write lock is released, waits here until a sync
/// of the log that began after it has finished. Whatever was committed before that sync began is on disk when it ends,
/// so a caller is answered only for durable commits, as with FULL — but the commits of all writers waiting at that
/// moment share one sync.
/// </summary>
/// <remarks>See docs/decisions/0013-sqlite-one-writer-and-group-commit.md.</remarks>
internal sealed class SqliteGroupCommit(string walPath)
{
    private readonly Lock sync = new();
    private List<TaskCompletionSource> waiting = [];
    private bool flushing;
    private long syncs;

    /// <summary>The write-ahead log this syncs (the database file's name with "-wal").</summary>
    public string WalPath { get; } = walPath;

    /// <summary>How many syncs of the log have finished (for tests and the benchmark).</summary>
    public long Syncs => Interlocked.Read(ref syncs);

    /// <summary>Completes once everything committed before the call is on disk.</summary>
    public Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (sync)
        {
            waiting.Add(done);
            if (flushing)
            {
                // The sync under way may have begun before this commit: the next one takes it.
                return done.Task;
            }

            flushing = true;
        }

        _ = Task.Run(FlushWaiting);
        return done.Task;
    }

    /// <summary>Syncs for whoever is waiting, again and again, until nobody is.</summary>
    private void FlushWaiting()
    {
        while (true)
        {
            List<TaskCompletionSource> batch;
            lock (sync)
            {
                if (waiting.Count == 0)
                {
                    flushing = false;
                    return;
                }

                batch = waiting;
                waiting = [];
            }

            try
            {
                SyncLog();
                Interlocked.Increment(ref syncs);
                batch.ForEach(d => d.SetResult());
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The disk refused: those commits are not known to be durable, and their callers are told so.
                batch.ForEach(d => d.SetException(exception));
            }
        }
    }

    private void SyncLog()
    {
        try
        {
            // Opened for each sync: SQLite removes the log when the last connection closes (after a checkpoint that
            // syncs the database file) and makes a new one, and a sync of the old file would not cover the new one.
            using var log = File.OpenHandle(WalPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            if (OperatingSystem.IsLinux())
            {
                // fdatasync, as SQLite itself syncs the log: the data and the size, not the modification time, whose
                // journal commit made each fsync several times slower here.
                if (NativeMethods.FDataSync(log) != 0)
                {
                    throw new IOException($"fdatasync of {WalPath} failed (errno {Marshal.GetLastPInvokeError()}).");
                }
            }
            else
            {
                RandomAccess.FlushToDisk(log);
            }
        }
        catch (FileNotFoundException)
        {
            // No log: everything was checkpointed into the database file, and the checkpoint synced it.
        }
    }
}

internal static class NativeMethods
{
    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int FDataSync(SafeFileHandle fd);
}
