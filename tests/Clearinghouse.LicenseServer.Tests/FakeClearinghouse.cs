using System.Net;
using System.Text;
using System.Text.Json;
using Clearinghouse.LicenseServer;
using Clearinghouse.LicenseServer.Api;

namespace Clearinghouse.LicenseServer.Tests;

/// <summary>A request the fake clearinghouse received, read while it was still open.</summary>
public sealed record ReceivedRequest(HttpMethod Method, string Path, string? Body, string? IdempotencyKey, string? Authorization);

/// <summary>
/// An HttpMessageHandler that answers from a script, one answer per request in order, and records what it received.
/// Runs with the simulator in-process: no socket, no server.
/// </summary>
public sealed class FakeClearinghouse : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _answers = new();
    private readonly List<ReceivedRequest> _received = [];

    public IReadOnlyList<ReceivedRequest> Received => _received;

    public FakeClearinghouse Answer(HttpStatusCode status, object? body = null, Action<HttpResponseMessage>? headers = null)
    {
        _answers.Enqueue((_, _) =>
        {
            var response = new HttpResponseMessage(status);
            if (body is not null)
            {
                var problem = (int)status >= 400;
                response.Content = new StringContent(JsonSerializer.Serialize(body, Json.Options), Encoding.UTF8,
                    problem ? "application/problem+json" : "application/json");
            }

            headers?.Invoke(response);
            return Task.FromResult(response);
        });
        return this;
    }

    public FakeClearinghouse Problem(HttpStatusCode status, string code, string detail, TimeSpan? retryAfter = null) =>
        Answer(status, new { status = (int)status, title = "Refused", detail, code }, response =>
        {
            if (retryAfter is { } wait)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
            }
        });

    public FakeClearinghouse ConnectionRefused() => Then((_, _) => throw new HttpRequestException("Connection refused"));

    /// <summary>An answer that never comes: the attempt's time limit must end it.</summary>
    public FakeClearinghouse Hang() => Then(async (_, cancellationToken) =>
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    });

    public FakeClearinghouse Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer)
    {
        _answers.Enqueue(answer);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        _received.Add(new ReceivedRequest(
            request.Method,
            request.RequestUri!.AbsolutePath,
            body,
            request.Headers.TryGetValues(ClearinghouseClient.IdempotencyKeyHeader, out var keys) ? keys.Single() : null,
            request.Headers.Authorization?.ToString()));
        if (_answers.Count == 0)
        {
            throw new InvalidOperationException($"The fake clearinghouse has no answer left for {request.Method} {request.RequestUri}.");
        }

        return await _answers.Dequeue()(request, cancellationToken);
    }
}

/// <summary>A clock that only moves when the simulator sleeps, so retry timing is tested without waiting.</summary>
public sealed class ManualTime : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(GetTimestamp());

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>What one run of the simulator did: its exit code, what it printed, and the waits between attempts.</summary>
public sealed record SimulatorRun(int ExitCode, string Out, string Error, IReadOnlyList<TimeSpan> Sleeps)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>A folder of state files for one test, removed afterwards.</summary>
public sealed class Lab : IDisposable
{
    public Lab()
    {
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "clearinghouse-ls-tests", Guid.NewGuid().ToString("N"));

    public FakeClearinghouse Clearinghouse { get; } = new();

    public ManualTime Time { get; } = new();

    public string State(string name = "server") => Path.Combine(Folder, name + ".json");

    /// <summary>Runs the simulator in-process against <see cref="Clearinghouse"/> (or <paramref name="handler"/>).</summary>
    public async Task<SimulatorRun> RunAsync(params string[] args) => await RunWithInputAsync(null, args);

    public async Task<SimulatorRun> RunWithInputAsync(string? input, params string[] args)
    {
        var sleeps = new List<TimeSpan>();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new ClientEnvironment(
            () => Clearinghouse,
            Time,
            (wait, _) =>
            {
                sleeps.Add(wait);
                Time.Advance(wait);
                return Task.CompletedTask;
            },
            () => 0.5);
        var host = new SimulatorHost(output, error, new StringReader(input ?? string.Empty), environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var code = await Simulator.RunAsync(args, host, timeout.Token);
        return new SimulatorRun(code, output.ToString(), error.ToString(), sleeps);
    }

    public void Dispose()
    {
        Clearinghouse.Dispose();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
