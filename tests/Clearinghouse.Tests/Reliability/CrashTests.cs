using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Clearinghouse.Tests.Hosting;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Clearinghouse.Tests.Reliability;

/// <summary>
/// The portal as a process, killed (SIGKILL) in the middle of sustained issuance and started again on the same SQLite
/// file: whatever it answered with success was committed, and the file is sound.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Workers = 8;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    // Bounded: a few seconds of load (longer only on a machine so busy that little was issued yet), then the kill.
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan LoadAtMost = TimeSpan.FromSeconds(20);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "clearinghouse-crash-tests", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_folder, "clearinghouse.db");

    [Fact]
    public async Task Kill_DuringSustainedIssuance_LosesNoKeyPackItAnswered_AndTheFileIsSound()
    {
        Directory.CreateDirectory(_folder);
        var answered = new ConcurrentBag<string>();
        ApiServer server;
        int unanswered;
        using (var portal = PortalProcess.Start(Settings()))
        {
            using var client = new HttpClient { BaseAddress = await portal.WaitUntilListeningAsync(StartTimeout), Timeout = TimeSpan.FromSeconds(30) };
            server = await client.ActivateAsync();

            using var killed = new CancellationTokenSource();
            var failures = 0;
            async Task IssueAsync(int worker)
            {
                for (var i = 0; !killed.IsCancellationRequested; i++)
                {
                    try
                    {
                        using var response = await client.RequestCalsAsync(server, ApiClient.Agreement("install", 1 + ((worker + i) % 50)));
                        var body = await response.Content.ReadAsStringAsync();
                        Assert.True(response.StatusCode == HttpStatusCode.Created || killed.IsCancellationRequested,
                            $"{(int)response.StatusCode}: {body}");
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            answered.Add(JsonSerializer.Deserialize<JsonElement>(body).GetProperty("keyPackId").GetString()!);
                        }
                    }
                    catch (Exception exception) when (killed.IsCancellationRequested && exception is HttpRequestException or TaskCanceledException or IOException)
                    {
                        Interlocked.Increment(ref failures);
                        return;
                    }
                }
            }

            var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(() => IssueAsync(w))).ToList();
            var clock = Stopwatch.StartNew();
            while ((clock.Elapsed < Load || (answered.Count < Workers && clock.Elapsed < LoadAtMost)) && workers.All(w => !w.IsCompleted))
            {
                await Task.Delay(50);
            }

            // Requests are in flight now: the kill lands in the middle of some of them.
            killed.Cancel();
            portal.Kill();
            await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));
            unanswered = failures;
        }

        output.WriteLine($"{answered.Count} key packs answered before the kill; {unanswered} requests cut off by the kill.");
        Assert.True(answered.Count >= Workers, $"only {answered.Count} key packs were issued before the kill");

        using (var restarted = PortalProcess.Start(Settings()))
        {
            using var client = new HttpClient { BaseAddress = await restarted.WaitUntilListeningAsync(StartTimeout) };
            using var listed = await client.KeyPacksAsync(server);
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
            var held = (await listed.ReadJsonAsync()).GetProperty("keyPacks").EnumerateArray()
                .Select(k => k.GetProperty("keyPackId").GetString()!).ToHashSet(StringComparer.Ordinal);
            var lost = answered.Where(id => !held.Contains(id)).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} of {answered.Count} answered key packs are gone: {string.Join(", ", lost.Take(5))}");

            // Each one still installs on its server (again: the automatic method installed it at once).
            foreach (var keyPackId in answered)
            {
                using var install = await client.SendAsync(HttpMethod.Post,
                    $"/api/v1/license-servers/{server.Id}/key-pack-installations", server.Credential, new { keyPackId });
                Assert.True(install.StatusCode == HttpStatusCode.OK, $"{keyPackId}: {(int)install.StatusCode} {await install.Content.ReadAsStringAsync()}");
            }

            Assert.DoesNotContain(restarted.Lines, l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));
        }

        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", (string?)await check.ExecuteScalarAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["ConnectionStrings:Clearinghouse"] = $"Data Source={DatabasePath}",

        // The process runs as Production, where migrations are a deploy step; here the start applies them.
        ["Database:MigrateOnStartup"] = "true",

        // One client issues everything: the limits have tests of their own.
        ["RateLimits:ApiRequestsBurstPerClient"] = "1000000",
        ["RateLimits:ApiRequestsBurstPerServer"] = "1000000",
    };
}
