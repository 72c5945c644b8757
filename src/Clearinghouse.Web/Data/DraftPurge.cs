using Clearinghouse.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Data;

/// <summary>How long an unsubmitted request is kept, and how often abandoned ones are looked for.</summary>
public sealed class DraftOptions
{
    public const string Section = "Drafts";

    /// <summary>A request not submitted and not changed for longer than this is deleted.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Deletes abandoned drafts: requests never submitted and left unchanged for longer than
/// <see cref="DraftOptions.MaxAge"/>. Submitted requests are records and are never deleted here. Runs at start and then
/// every <see cref="DraftOptions.PurgeInterval"/>, on each instance: the delete is one statement, so instances
/// running it at once do no harm.
/// </summary>
public sealed partial class DraftPurge(
    IServiceScopeFactory scopes,
    IOptions<DraftOptions> options,
    DatabaseReadiness readiness,
    TimeProvider clock,
    ILogger<DraftPurge> logger)
    : BackgroundService
{
    /// <summary>Deletes the drafts that are too old now; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearinghouseDbContext>();
        var cutoff = clock.GetUtcNow() - options.Value.MaxAge;

        // A step saved while this runs either comes first (UpdatedAt moves on, so the row no longer matches) or finds
        // the row gone and shows "not found"; a draft being submitted is caught by its version token the same way.
        var deleted = await db.CalRequests
            .Where(r => r.SubmittedAt == null && r.UpdatedAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            LogPurged(deleted, options.Value.MaxAge);
        }
        else
        {
            LogNothingToPurge(options.Value.MaxAge);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not on the start-up path: the host carries on starting while the first purge runs.
        await Task.Yield();
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        do
        {
            try
            {
                // Until the migrations are applied (Database:MigrateOnStartup=false) there is no table to purge.
                if (await readiness.IsReadyAsync(stoppingToken))
                {
                    await PurgeAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (DatabaseErrors.Classify(exception) != DatabaseFault.None)
            {
                // The database is busy or unreachable: try again next time.
                LogPurgeDeferred(DatabaseErrors.Describe(exception));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A fault of ours, logged as one; but a background chore must not stop the portal (a faulted
                // BackgroundService stops the host), so it is tried again at the next interval.
                LogPurgeFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} abandoned drafts (not submitted, unchanged for more than {MaxAge}).")]
    private partial void LogPurged(int count, TimeSpan maxAge);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No abandoned drafts to delete (not submitted, unchanged for more than {MaxAge}).")]
    private partial void LogNothingToPurge(TimeSpan maxAge);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting abandoned drafts is put off to the next interval: {Reason}")]
    private partial void LogPurgeDeferred(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deleting abandoned drafts failed; trying again at the next interval.")]
    private partial void LogPurgeFailed(Exception exception);
}

public static class DraftPurgeSetup
{
    /// <summary>Registers <see cref="DraftPurge"/> with its <see cref="DraftOptions"/> (section "Drafts").</summary>
    public static IServiceCollection AddDraftPurge(this IServiceCollection services)
    {
        services.AddOptions<DraftOptions>()
            .BindConfiguration(DraftOptions.Section)
            .Validate(o => o.MaxAge > TimeSpan.Zero, $"{DraftOptions.Section}:{nameof(DraftOptions.MaxAge)} must be positive.")
            .Validate(o => o.PurgeInterval > TimeSpan.Zero && o.PurgeInterval.TotalMilliseconds <= uint.MaxValue - 1,
                $"{DraftOptions.Section}:{nameof(DraftOptions.PurgeInterval)} must be positive and under 49 days.")
            .ValidateOnStart();
        services.AddSingleton<DraftPurge>();
        services.AddHostedService(provider => provider.GetRequiredService<DraftPurge>());
        return services;
    }
}
