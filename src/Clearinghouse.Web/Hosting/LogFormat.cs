using System.Text.Encodings.Web;
using System.Text.Json;

namespace Clearinghouse.Web.Hosting;

/// <summary>How the console log is written (<c>Logging:Format</c>).</summary>
public sealed class LogFormatSettings
{
    public const string Simple = "simple";
    public const string Json = "json";

    /// <summary><c>simple</c> (default: two lines per entry, for people) or <c>json</c> (one JSON object per line, for a log collector).</summary>
    public string Format { get; set; } = Simple;
}

/// <summary>
/// The console log as people read it, or as JSON for a log collector: with <c>Logging:Format=json</c> every entry is one
/// line holding its timestamp (UTC, ISO 8601), level, category, event id, message and the message's values as
/// separate fields (the License Server ID, the status code, the reason), so that they can be searched without parsing
/// the message. The levels (<c>Logging:LogLevel</c>) apply as before.
/// </summary>
public static class LogFormat
{
    private const string Section = "Logging";

    public static ILoggingBuilder AddLogFormat(this ILoggingBuilder logging, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.Services.AddOptions<LogFormatSettings>()
            .Bind(configuration.GetSection(Section))
            .Validate(s => string.Equals(s.Format, LogFormatSettings.Simple, StringComparison.OrdinalIgnoreCase) ||
                    string.Equals(s.Format, LogFormatSettings.Json, StringComparison.OrdinalIgnoreCase),
                $"{Section}:{nameof(LogFormatSettings.Format)} must be {LogFormatSettings.Simple} or {LogFormatSettings.Json}.")
            .ValidateOnStart();

        // Read here, before the host is built: the console logger is made once, with its formatter.
        if (string.Equals(configuration[$"{Section}:{nameof(LogFormatSettings.Format)}"], LogFormatSettings.Json, StringComparison.OrdinalIgnoreCase))
        {
            logging.AddJsonConsole(options =>
            {
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "O";
                options.IncludeScopes = true;

                // Escapes what JSON must (quotes, control characters, line breaks) but not '+' or non-ASCII text, so that
                // a version or a Japanese company name reads as written.
                options.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        }

        return logging;
    }
}
