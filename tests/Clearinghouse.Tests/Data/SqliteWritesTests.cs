using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Tests.Data;

/// <summary>
/// How the portal writes to SQLite (decision 0013): one writer at a time in turn (WriterQueue, SqliteWriteGate), its
/// connections at synchronous=NORMAL, and every commit answered only after a sync of the log that began after it.
/// </summary>
public sealed class SqliteWritesTests(ClearinghouseFactory factory) : IClassFixture<ClearinghouseFactory>
{
    [Fact]
    public async Task Queue_ServesWaitersInTheOrderTheyCame()
    {
        using var queue = new WriterQueue(TimeSpan.FromSeconds(30));
        Assert.True(await queue.EnterAsync(CancellationToken.None));
        var order = new List<int>();
        var waiters = Enumerable.Range(1, 5).Select(i => queue.EnterAsync(CancellationToken.None).ContinueWith(t =>
        {
            lock (order)
            {
                order.Add(i);
            }

            return t.Result;
        }, TaskScheduler.Default)).ToList();

        for (var i = 0; i < waiters.Count; i++)
        {
            queue.Release();
            Assert.True(await waiters[i].WaitAsync(TimeSpan.FromSeconds(10)));
        }

        Assert.Equal([1, 2, 3, 4, 5], order);
    }

    [Fact]
    public async Task Queue_LetsAWaiterGoOnWithoutItAfterTheWait_AndTheHolderStillHoldsIt()
    {
        using var queue = new WriterQueue(TimeSpan.FromMilliseconds(200));
        Assert.True(await queue.EnterAsync(CancellationToken.None));

        var entered = await queue.EnterAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(entered);
        var next = queue.EnterAsync(CancellationToken.None);
        Assert.False(next.IsCompleted);
        queue.Release();
        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Queue_ForgetsACancelledWaiter_AndHandsTheQueueToTheNext()
    {
        using var queue = new WriterQueue(TimeSpan.FromSeconds(30));
        Assert.True(await queue.EnterAsync(CancellationToken.None));
        using var cancel = new CancellationTokenSource();
        var cancelled = queue.EnterAsync(cancel.Token);
        var next = queue.EnterAsync(CancellationToken.None);

        await cancel.CancelAsync();
        queue.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(10)));
        queue.Release();
        Assert.True(await queue.EnterAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task PortalConnections_WriteWithSynchronousNormal_InWalMode()
    {
        var (journal, synchronous) = await factory.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            try
            {
                return (await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync(),
                        await db.Database.SqlQueryRaw<int>("PRAGMA synchronous").ToListAsync());
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

        Assert.Equal("wal", Assert.Single(journal), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(1, Assert.Single(synchronous));
    }

    [Fact]
    public async Task EveryKindOfCommit_ReturnsOnlyAfterTheLogWasSynced()
    {
        var groupCommit = factory.Services.GetRequiredService<SqliteWriteGate>().GroupCommit;
        Assert.NotNull(groupCommit);
        Assert.EndsWith("-wal", groupCommit.WalPath, StringComparison.Ordinal);

        // SaveChanges of one statement, of several (a transaction), ExecuteUpdate, and a statement read as a reader.
        var writes = new Func<ClearinghouseDbContext, Task>[]
        {
            db =>
            {
                db.Add(NewRecord());
                return db.SaveChangesAsync();
            },
            db =>
            {
                db.AddRange(NewRecord(), NewRecord());
                return db.SaveChangesAsync();
            },
            db => db.IdempotencyRecords.Where(r => r.Key == "none").ExecuteUpdateAsync(s => s.SetProperty(r => r.Completed, true)),
            db => db.Database.SqlQueryRaw<int>(
                "INSERT INTO \"IdempotencyRecords\" (\"Id\", \"Scope\", \"Key\", \"FingerprintHash\", \"Completed\", \"CreatedAt\") " +
                "VALUES ({0}, 'test', {1}, x'00', 0, 0) RETURNING 1 AS \"Value\"", Guid.NewGuid(), Guid.NewGuid().ToString()).ToListAsync(),
        };
        foreach (var write in writes)
        {
            var before = groupCommit.Syncs;
            await factory.WithDbAsync(write);
            Assert.True(groupCommit.Syncs > before, "the write returned before the log was synced");
        }
    }

    [Fact]
    public async Task ParallelCommits_ShareSyncs_AndAreAllKept()
    {
        var groupCommit = factory.Services.GetRequiredService<SqliteWriteGate>().GroupCommit!;
        var records = Enumerable.Range(0, 64).Select(_ => NewRecord()).ToList();
        var before = groupCommit.Syncs;

        await Task.WhenAll(records.Select(record => Task.Run(() => factory.WithDbAsync(db =>
        {
            db.Add(record);
            return db.SaveChangesAsync();
        }))));

        var ids = records.Select(r => r.Id).ToList();
        Assert.Equal(records.Count, await factory.WithDbAsync(db => db.IdempotencyRecords.CountAsync(r => ids.Contains(r.Id))));
        // At least one sync, and fewer than one per commit: commits waiting at the same moment shared one.
        Assert.InRange(groupCommit.Syncs - before, 1, records.Count - 1);
    }

    private static IdempotencyRecord NewRecord() => new()
    {
        Id = Guid.NewGuid(),
        Scope = "test",
        Key = Guid.NewGuid().ToString(),
        FingerprintHash = [0],
        CreatedAt = DateTimeOffset.UtcNow,
    };
}
