using System.Net;
using System.Text.Json;
using Clearinghouse.Web.Hosting;
using Microsoft.Data.Sqlite;

namespace Clearinghouse.Tests.Hosting;

/// <summary>The console log as an operator's log collector reads it: <c>Logging:Format=json</c>, one JSON object a line.</summary>
public sealed class LogFormatTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "clearinghouse-log-tests", Guid.NewGuid().ToString("N"));

    public LogFormatTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task Logs_WithFormatJson_AreOneJsonObjectPerLine_WithTheMessagesValuesAsFields()
    {
        using var portal = PortalProcess.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings:Clearinghouse"] = $"Data Source={Path.Combine(_folder, "clearinghouse.db")}",
            ["Logging:Format"] = "json",

            // A process runs as Production, where migrations are a deploy step; this one applies them as it starts.
            ["Database:MigrateOnStartup"] = "true",
        });
        var address = await portal.WaitUntilListeningAsync(StartTimeout);
        using (var client = new HttpClient { BaseAddress = address })
        using (var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        var entries = portal.Lines.Where(l => l.Length > 0).Select(Parse).ToList();
        var starting = Assert.Single(entries, e => e.GetProperty("Category").GetString() == ClearinghouseStartup.LoggerCategory &&
            e.GetProperty("EventId").GetInt32() == 1);
        Assert.Equal("Information", starting.GetProperty("LogLevel").GetString());
        Assert.Contains("starting in environment Production", starting.GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.Equal(ClearinghouseStartup.Version, starting.GetProperty("State").GetProperty("Version").GetString());
        Assert.Equal(TimeSpan.Zero, DateTimeOffset.Parse(starting.GetProperty("Timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture).Offset);
    }

    [Fact]
    public async Task Logs_ByDefault_AreForPeople()
    {
        using var portal = PortalProcess.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings:Clearinghouse"] = $"Data Source={Path.Combine(_folder, "clearinghouse.db")}",
        });

        await portal.WaitUntilListeningAsync(StartTimeout);

        Assert.Contains(portal.Lines, l => l.StartsWith($"info: {ClearinghouseStartup.LoggerCategory}[1]", StringComparison.Ordinal));
        Assert.DoesNotContain(portal.Lines, l => l.StartsWith('{'));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static JsonElement Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<JsonElement>(line);
        }
        catch (JsonException exception)
        {
            Assert.Fail($"Not a JSON line: {line} ({exception.Message})");
            throw;
        }
    }
}
