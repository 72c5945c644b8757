namespace Clearinghouse.Web.Data;

/// <summary>
/// One holder at a time, the others served in the order they came, each waiting at most a given time (then it goes on
/// without: <see cref="EnterAsync"/> answers false). Made for <see cref="SqliteWriteGate"/>, where a SemaphoreSlim with
/// a timeout cost more than the writes it ordered: each wait with a timeout starts a timer of its own, and under
/// parallel writes the timer queue's lock and the finalizers of those timers took much of the processor. Here one
/// timer looks at the queue while anybody waits.
/// </summary>
internal sealed class WriterQueue : IDisposable
{
    private readonly Lock sync = new();
    private readonly LinkedList<Waiter> waiting = [];
    private readonly TimeSpan wait;
    private readonly TimeSpan sweepEvery;
    private readonly Timer sweeper;
    private bool held;
    private bool sweeping;

    public WriterQueue(TimeSpan wait)
    {
        this.wait = wait;
        sweepEvery = TimeSpan.FromTicks(Math.Clamp(wait.Ticks / 4, TimeSpan.TicksPerMillisecond * 50, TimeSpan.TicksPerSecond));
        sweeper = new Timer(_ => Sweep(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>True once this caller holds the queue; false when it waited longer than allowed and goes on without.</summary>
    public Task<bool> EnterAsync(CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (sync)
        {
            if (!held)
            {
                held = true;
                return Task.FromResult(true);
            }

            waiter = new Waiter(Environment.TickCount64);
            waiter.Node = waiting.AddLast(waiter);
            if (!sweeping)
            {
                sweeping = true;
                sweeper.Change(sweepEvery, Timeout.InfiniteTimeSpan);
            }
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Cancellation = cancellationToken.UnsafeRegister(static (state, token) =>
            {
                var (queue, w) = ((WriterQueue, Waiter))state!;
                queue.Remove(w);
                w.Done.TrySetCanceled(token);
            }, (this, waiter));
        }

        return waiter.Done.Task;
    }

    /// <inheritdoc cref="EnterAsync"/>
    public bool Enter() => EnterAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Hands the queue to the next waiter, or leaves it free.</summary>
    public void Release()
    {
        lock (sync)
        {
            while (waiting.First is { } first)
            {
                waiting.RemoveFirst();
                first.Value.Node = null;
                first.Value.Cancellation.Unregister();
                if (first.Value.Done.TrySetResult(true))
                {
                    return;
                }
            }

            held = false;
        }
    }

    public void Dispose() => sweeper.Dispose();

    private void Remove(Waiter waiter)
    {
        lock (sync)
        {
            if (waiter.Node is { } node)
            {
                waiting.Remove(node);
                waiter.Node = null;
            }
        }
    }

    /// <summary>Lets those who waited too long go on without the queue.</summary>
    private void Sweep()
    {
        var cutoff = Environment.TickCount64 - (long)wait.TotalMilliseconds;
        lock (sync)
        {
            while (waiting.First is { } first && first.Value.Since <= cutoff)
            {
                waiting.RemoveFirst();
                first.Value.Node = null;
                first.Value.Cancellation.Unregister();
                first.Value.Done.TrySetResult(false);
            }

            sweeping = waiting.Count > 0;
            if (sweeping)
            {
                sweeper.Change(sweepEvery, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private sealed class Waiter(long since)
    {
        public long Since { get; } = since;

        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Cancellation { get; set; }
    }
}
