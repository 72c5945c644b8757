using Clearinghouse.Web.Data;

namespace Clearinghouse.Web.Hosting;

/// <summary>
/// A background chore that deletes what has expired: once at start and then every <see cref="Interval"/>, on each
/// instance (each purge is one statement, so instances running it at once do no harm). It waits for the database to be
/// ready (with Database:MigrateOnStartup=false there is no table until the migrations are applied elsewhere); a busy or
/// unreachable database puts it off to the next interval with a warning; any other fault is logged as one and tried
/// again, because a faulted BackgroundService would stop the portal.
/// </summary>
public abstract partial class PeriodicPurge(DatabaseReadiness readiness, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    /// <summary>How often the purge runs.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What is deleted, for the log ("abandoned drafts").</summary>
    protected abstract string What { get; }

    /// <summary>Deletes what has expired now; returns how many.</summary>
    public abstract Task<int> PurgeAsync(CancellationToken cancellationToken = default);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not on the start-up path: the host carries on starting while the first purge runs.
        await Task.Yield();
        using var timer = new PeriodicTimer(Interval, Clock);
        do
        {
            try
            {
                if (await readiness.IsReadyAsync(stoppingToken))
                {
                    await PurgeAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (DatabaseErrors.Classify(exception) != DatabaseFault.None)
            {
                LogPurgeDeferred(What, DatabaseErrors.Describe(exception));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPurgeFailed(exception, What);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting {What} is put off to the next interval: {Reason}")]
    private partial void LogPurgeDeferred(string what, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deleting {What} failed; trying again at the next interval.")]
    private partial void LogPurgeFailed(Exception exception, string what);
}
