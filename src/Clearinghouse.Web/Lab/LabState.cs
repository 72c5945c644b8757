using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Lab;

/// <summary>The lab's run-time settings as one instance last read them (see <see cref="LabSettings"/>).</summary>
public sealed record LabSnapshot(
    LicensingMode? Mode, string? IdSeed, int FaultDelayMilliseconds, double FaultErrorRate, DateTimeOffset? OutageFrom,
    DateTimeOffset? OutageTo)
{
    /// <summary>Nothing set: no faults, random IDs, the mode from configuration.</summary>
    public static LabSnapshot Nothing { get; } = new(null, null, 0, 0, null, null);

    public static LabSnapshot Of(LabSettings? row) => row is null
        ? Nothing
        : new(row.Mode, row.IdSeed, row.FaultDelayMilliseconds, row.FaultErrorRate, row.OutageFrom, row.OutageTo);

    /// <summary>Whether the API is out at <paramref name="now"/> (the window includes its start, not its end).</summary>
    public bool IsOutage(DateTimeOffset now) => OutageFrom is { } from && OutageTo is { } to && now >= from && now < to;
}

/// <summary>
/// The lab's settings, read from the database and kept for <see cref="CacheFor"/>, because fault injection and the
/// licensing mode are read on every request: an instance sees a change made on another instance within that time, and
/// one made through itself at once (<see cref="Remember"/>). Each request refreshes it first if it is stale
/// (<see cref="LabAdministrationServices.UseLabState"/>), so code that cannot wait — validators — reads
/// <see cref="Current"/>.
/// </summary>
public sealed class LabState(IServiceScopeFactory scopes, TimeProvider clock, IOptions<LicensingOptions> licensing)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile Entry _entry = new(LabSnapshot.Nothing, ReadAt: 0, Loaded: false);

    /// <summary>The settings as last read; <see cref="LabSnapshot.Nothing"/> until the first request read them.</summary>
    public LabSnapshot Current => _entry.Snapshot;

    /// <summary>The licensing mode in force: the lab's choice, else <c>Licensing:Mode</c>.</summary>
    public LicensingMode Mode => Current.Mode ?? licensing.Value.Mode;

    /// <summary>The configured mode, which applies when the lab has not chosen one.</summary>
    public LicensingMode ConfiguredMode => licensing.Value.Mode;

    /// <summary>The settings, read again if what is kept is older than <see cref="CacheFor"/>.</summary>
    public async ValueTask<LabSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        var entry = _entry;
        if (entry.Loaded && clock.GetElapsedTime(entry.ReadAt) < CacheFor)
        {
            return entry.Snapshot;
        }

        // One request reads; the others go on with what is kept, unless nothing was ever read.
        if (!await _refreshing.WaitAsync(entry.Loaded ? TimeSpan.Zero : Timeout.InfiniteTimeSpan, cancellationToken))
        {
            return entry.Snapshot;
        }

        try
        {
            entry = _entry;
            if (entry.Loaded && clock.GetElapsedTime(entry.ReadAt) < CacheFor)
            {
                return entry.Snapshot;
            }

            var readAt = clock.GetTimestamp();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClearinghouseDbContext>();
            var row = await db.LabSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == LabSettings.SingletonId, cancellationToken);
            var snapshot = LabSnapshot.Of(row);
            _entry = new Entry(snapshot, readAt, Loaded: true);
            return snapshot;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>What this instance just saved, in force here from now (others read it within <see cref="CacheFor"/>).</summary>
    public void Remember(LabSettings? saved) => _entry = new Entry(LabSnapshot.Of(saved), clock.GetTimestamp(), Loaded: true);

    /// <param name="ReadAt">When it was read, as a monotonic timestamp: its age does not depend on the wall clock.</param>
    private sealed record Entry(LabSnapshot Snapshot, long ReadAt, bool Loaded);
}
