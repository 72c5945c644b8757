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
    : PeriodicPurge(readiness, clock, logger)
{
    protected override TimeSpan Interval => options.Value.PurgeInterval;

    protected override string What => "abandoned drafts";

    /// <summary>Deletes the drafts that are too old now; returns how many.</summary>
    public override async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearinghouseDbContext>();
        var cutoff = Clock.GetUtcNow() - options.Value.MaxAge;

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} abandoned drafts (not submitted, unchanged for more than {MaxAge}).")]
    private partial void LogPurged(int count, TimeSpan maxAge);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No abandoned drafts to delete (not submitted, unchanged for more than {MaxAge}).")]
    private partial void LogNothingToPurge(TimeSpan maxAge);
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
