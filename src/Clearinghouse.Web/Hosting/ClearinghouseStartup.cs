using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Clearinghouse.Web.Data;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Hosting;

/// <summary>
/// Brings the portal's database up before the portal listens, or says in one line why it cannot (so that Program
/// returns a non-zero exit code): settings it cannot use, a database it cannot reach after a few attempts, a
/// migration that fails. On the way it logs once where the data lives.
/// </summary>
public static partial class ClearinghouseStartup
{
    public const string LoggerCategory = "Clearinghouse.Startup";

    public static IServiceCollection AddClearinghouseHosting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<DatabaseReadiness>();
        services.AddClearinghouseErrorHandling(configuration);
        services.AddClearinghouseHealthChecks();
        return services;
    }

    /// <summary>
    /// The switch that makes the portal a one-shot deploy step: it applies the migrations, seeds the catalogue's lab
    /// data and exits (0 when done, 1 with the reason in one line when not), whatever Database:MigrateOnStartup says.
    /// </summary>
    public const string MigrateSwitch = "--migrate";

    /// <summary>True when the portal can go on to listen; false when it must stop (the reason is logged).</summary>
    public static Task<bool> PrepareAsync(this WebApplication app) => PrepareAsync(app, migrateOnly: false);

    /// <summary>
    /// <see cref="MigrateSwitch"/>: true when the database is migrated (said in one line); false when it could not be
    /// (the reason is logged, as for a start).
    /// </summary>
    public static Task<bool> MigrateAsync(this WebApplication app) => PrepareAsync(app, migrateOnly: true);

    private static async Task<bool> PrepareAsync(WebApplication app, bool migrateOnly)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerCategory);
        if (app.Services.GetServices<StartupProblem>().FirstOrDefault() is { } problem)
        {
            LogCannotStart(logger, problem.Message);
            return false;
        }

        if (SettingsProblem(app.Services) is { } settings)
        {
            LogCannotStart(logger, settings);
            return false;
        }

        var target = app.Services.GetRequiredService<DatabaseTarget>();
        if (migrateOnly)
        {
            LogMigrating(logger, Version, app.Environment.EnvironmentName, target.Provider, target.Location);
            return await ReachDatabaseAsync(app.Services, target, logger, migrateOnly);
        }

        LogStarting(logger, Version, app.Environment.EnvironmentName, target.Provider, target.Location);
        app.Services.LogKeyProtection(logger, app.Environment);
        if (!await ReachDatabaseAsync(app.Services, target, logger, migrateOnly))
        {
            return false;
        }

        // Until the migrations are applied there is no table of keys yet; the key ring is then read at first use.
        if (app.Services.GetRequiredService<DatabaseReadiness>().IsReady)
        {
            try
            {
                await app.Services.ReadKeyRingAsync();
            }
            catch (Exception exception) when (DatabaseErrors.Classify(exception) != DatabaseFault.None)
            {
                LogCannotStart(logger, $"the data-protection keys could not be read from the database ({target}): {DatabaseErrors.Describe(exception)}");
                return false;
            }
        }

        return true;
    }

    public static string Version { get; } =
        typeof(ClearinghouseStartup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ClearinghouseStartup).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    // Options registered with ValidateOnStart, checked now rather than when the host starts, so that a wrong value is
    // said in one line before anything else happens.
    private static string? SettingsProblem(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return null;
        }
        catch (OptionsValidationException exception)
        {
            return string.Join(" ", exception.Failures);
        }
        catch (AggregateException exception) when (exception.InnerExceptions.All(e => e is OptionsValidationException))
        {
            return string.Join(" ", exception.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures));
        }
        catch (InvalidOperationException exception)
        {
            // The configuration binder's "Failed to convert configuration value 'x' at 'Database:StartupAttempts' …".
            return exception.Message;
        }
    }

    private static async Task<bool> ReachDatabaseAsync(IServiceProvider services, DatabaseTarget target, ILogger logger, bool migrateOnly)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var migrate = migrateOnly || options.MigrateOnStartup;
        var readiness = services.GetRequiredService<DatabaseReadiness>();
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            string reason;
            try
            {
                var applied = migrate ? await services.MigrateClearinghouseDatabaseAsync() : [];
                if (migrateOnly)
                {
                    LogMigrated(logger, target.ToString(), applied.Count == 0 ? "none" : string.Join(", ", applied));
                    return true;
                }

                var status = await readiness.CheckAsync(CancellationToken.None);
                if (status.State == DatabaseState.NotMigrated)
                {
                    LogNotMigrated(logger, status.Problem!);
                }

                if (status.State != DatabaseState.Unavailable)
                {
                    return true;
                }

                reason = status.Problem!;
            }
            catch (Exception exception) when (DatabaseErrors.Classify(exception) != DatabaseFault.None)
            {
                reason = DatabaseErrors.Describe(exception);
            }
            catch (Exception exception)
            {
                // Not the network or a lock: a migration that fails, a permission missing. Nothing to wait for.
                LogFailed(logger, target.ToString(), DatabaseErrors.Describe(exception), exception);
                return false;
            }

            if (attempt >= options.StartupAttempts)
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
                LogCannotStart(logger,
                    $"the database ({target}) could not be reached in {attempt} attempt{(attempt == 1 ? "" : "s")} over {elapsed} s: {reason}");
                return false;
            }

            LogRetrying(logger, target.ToString(), attempt, options.StartupAttempts, options.StartupRetryDelay.TotalSeconds, reason);
            await Task.Delay(options.StartupRetryDelay);
        }
    }

    [LoggerMessage(1, LogLevel.Information,
        "Clearinghouse {Version} starting in environment {Environment}; database: {Provider} {Location}")]
    private static partial void LogStarting(ILogger logger, string version, string environment, DatabaseProvider provider, string location);

    [LoggerMessage(2, LogLevel.Warning,
        "The database ({Target}) could not be reached (attempt {Attempt} of {Attempts}); trying again in {DelaySeconds} s: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string target, int attempt, int attempts, double delaySeconds, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Pages and the API answer 503 until this is done: {Problem}")]
    private static partial void LogNotMigrated(ILogger logger, string problem);

    [LoggerMessage(4, LogLevel.Critical, "Clearinghouse cannot start: {Reason}")]
    private static partial void LogCannotStart(ILogger logger, string reason);

    [LoggerMessage(5, LogLevel.Critical, "Clearinghouse cannot start: preparing the database ({Target}) failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string target, string reason, Exception exception);

    [LoggerMessage(6, LogLevel.Information,
        "Clearinghouse {Version} applying migrations (--migrate) in environment {Environment}; database: {Provider} {Location}")]
    private static partial void LogMigrating(ILogger logger, string version, string environment, DatabaseProvider provider, string location);

    [LoggerMessage(7, LogLevel.Information, "The database ({Target}) is up to date; migrations applied now: {Applied}")]
    private static partial void LogMigrated(ILogger logger, string target, string applied);
}
