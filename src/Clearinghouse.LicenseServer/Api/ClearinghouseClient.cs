using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Clearinghouse.LicenseServer.Api;

/// <summary>A refusal or failure the clearinghouse answered with: its HTTP status and problem details.</summary>
public sealed record ApiProblem(int Status, string Code, string? Title, string? Detail, ApiProblemBody? Body)
{
    /// <summary>One line a person reads: the code, what it means, and the field errors when there are some.</summary>
    public string Describe()
    {
        var text = $"{Code}: {Detail ?? Title ?? "the clearinghouse gave no detail"}";
        if (Body?.Errors is { Count: > 0 } errors)
        {
            // The detail is the first field's message already: name only what it does not say.
            var others = errors
                .SelectMany(e => e.Value.Where(message => message != Detail).Select(message => $"{e.Key}: {message}"))
                .ToList();
            if (others.Count > 0)
            {
                text += $" ({string.Join("; ", others)})";
            }
        }

        return text;
    }
}

/// <summary>Everything the simulator needs from its host, so tests can run it in-process with fakes.</summary>
/// <param name="Sleep">Waits between attempts; tests pass one that only records the wait.</param>
public sealed record ClientEnvironment(
    Func<HttpMessageHandler> CreateHandler,
    TimeProvider Time,
    Func<TimeSpan, CancellationToken, Task> Sleep,
    Func<double> Random)
{
    public static ClientEnvironment Default { get; } = new(
        () => new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), AllowAutoRedirect = false },
        TimeProvider.System,
        (delay, cancellationToken) => Task.Delay(delay, cancellationToken),
        System.Random.Shared.NextDouble);
}

/// <summary>
/// The license-server API v1 (docs/api-v1-contract.md) as the simulator calls it: retries what is worth retrying, with
/// the same Idempotency-Key on every attempt of one operation, and turns every outcome into a value or a
/// <see cref="SimulatorException"/> with the right exit code.
/// </summary>
public sealed class ClearinghouseClient : IDisposable
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private const string InFlightCode = "idempotency-key-in-flight";

    private readonly HttpClient _http;
    private readonly ClientEnvironment _environment;
    private readonly RetryPolicy _policy;
    private readonly string? _credential;

    public ClearinghouseClient(Uri baseAddress, string? credential, RetryPolicy policy, ClientEnvironment environment)
    {
        _environment = environment;
        _policy = policy;
        _credential = credential;
        // Each attempt has its own time limit (a cancellation token); the client's own would cut across retries.
        _http = new HttpClient(environment.CreateHandler(), disposeHandler: true)
        {
            BaseAddress = baseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Clearinghouse.LicenseServer", "1.0"));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
    }

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>How many attempts the last operation took (tests and --json read it).</summary>
    public int LastAttempts { get; private set; }

    public Task<ActivationResponse> ActivateAsync(ActivationRequest body, string idempotencyKey, CancellationToken cancellationToken) =>
        SendAsync<ActivationResponse>(HttpMethod.Post, "api/v1/license-servers", body, idempotencyKey, authenticate: false, cancellationToken);

    public Task<ReactivationResponse> ReactivateAsync(string serverId, ReactivationRequest body, string idempotencyKey, CancellationToken cancellationToken) =>
        SendAsync<ReactivationResponse>(HttpMethod.Post, $"api/v1/license-servers/{serverId}/reactivations", body, idempotencyKey, authenticate: true, cancellationToken);

    public Task<DeactivationResponse> DeactivateAsync(string serverId, string idempotencyKey, CancellationToken cancellationToken) =>
        SendAsync<DeactivationResponse>(HttpMethod.Delete, $"api/v1/license-servers/{serverId}", null, idempotencyKey, authenticate: true, cancellationToken);

    public Task<KeyPack> RequestCalsAsync(string serverId, CalRequestBody body, string idempotencyKey, CancellationToken cancellationToken) =>
        SendAsync<KeyPack>(HttpMethod.Post, $"api/v1/license-servers/{serverId}/cal-requests", body, idempotencyKey, authenticate: true, cancellationToken);

    public Task<KeyPack> InstallKeyPackAsync(string serverId, string keyPackId, string idempotencyKey, CancellationToken cancellationToken) =>
        SendAsync<KeyPack>(HttpMethod.Post, $"api/v1/license-servers/{serverId}/key-pack-installations",
            new KeyPackInstallationBody(keyPackId), idempotencyKey, authenticate: true, cancellationToken);

    public Task<KeyPacksResponse> GetKeyPacksAsync(string serverId, CancellationToken cancellationToken) =>
        SendAsync<KeyPacksResponse>(HttpMethod.Get, $"api/v1/license-servers/{serverId}/key-packs", null, null, authenticate: true, cancellationToken);

    public Task<Catalog> GetCatalogAsync(CancellationToken cancellationToken) =>
        SendAsync<Catalog>(HttpMethod.Get, "api/v1/catalog", null, null, authenticate: false, cancellationToken);

    /// <summary>
    /// Sends one operation, retrying transient failures within the policy. Every attempt carries the same
    /// <paramref name="idempotencyKey"/>, so a POST whose answer was lost is answered again, not done twice.
    /// </summary>
    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string? idempotencyKey, bool authenticate,
        CancellationToken cancellationToken)
    {
        var started = _environment.Time.GetTimestamp();
        string lastFailure = "no attempt was made";
        ApiProblem? lastProblem = null;

        for (var attempt = 1; ; attempt++)
        {
            LastAttempts = attempt;
            var remaining = _policy.Budget - _environment.Time.GetElapsedTime(started);
            var attemptTimeout = remaining < _policy.AttemptTimeout ? remaining : _policy.AttemptTimeout;
            if (attemptTimeout <= TimeSpan.Zero)
            {
                break;
            }

            TimeSpan? retryAfter = null;
            using (var request = Build(method, path, body, idempotencyKey, authenticate))
            using (var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attemptCancellation.CancelAfter(attemptTimeout);
                try
                {
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, attemptCancellation.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        return await ReadAsync<T>(response, attemptCancellation.Token);
                    }

                    var problem = await ReadProblemAsync(response, attemptCancellation.Token);
                    var inFlight = response.StatusCode == HttpStatusCode.Conflict && problem.Code == InFlightCode;
                    if (!RetryPolicy.IsTransient(response.StatusCode) && !inFlight)
                    {
                        throw (int)response.StatusCode >= 500
                            ? new SimulatorException(ExitCodes.Unreachable,
                                $"The clearinghouse failed (HTTP {(int)response.StatusCode}) {problem.Describe()}", problem)
                            : new SimulatorException(ExitCodes.Refused,
                                $"Refused by the clearinghouse (HTTP {(int)response.StatusCode}) {problem.Describe()}", problem);
                    }

                    lastProblem = problem;
                    lastFailure = $"HTTP {(int)response.StatusCode} {problem.Describe()}";
                    retryAfter = RetryPolicy.RetryAfter(response, _environment.Time.GetUtcNow());
                }
                catch (HttpRequestException exception)
                {
                    lastProblem = null;
                    lastFailure = $"cannot connect to {_http.BaseAddress}: {exception.Message}";
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    lastProblem = null;
                    lastFailure = string.Create(CultureInfo.InvariantCulture,
                        $"no answer from {_http.BaseAddress} within {attemptTimeout.TotalSeconds:0.#} s");
                }
            }

            if (attempt >= _policy.MaxAttempts)
            {
                break;
            }

            var wait = retryAfter ?? _policy.Backoff(attempt, _environment.Random());
            var left = _policy.Budget - _environment.Time.GetElapsedTime(started);
            if (wait >= left)
            {
                // Waiting as asked would overrun the budget: better to say so now than to sleep and fail anyway.
                break;
            }

            await _environment.Sleep(wait, cancellationToken);
        }

        throw new SimulatorException(ExitCodes.Unreachable, string.Create(CultureInfo.InvariantCulture,
            $"The clearinghouse is unreachable or failing after {LastAttempts} attempt(s): {lastFailure}"), lastProblem);
    }

    private HttpRequestMessage Build(HttpMethod method, string path, object? body, string? idempotencyKey, bool authenticate)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json.Options);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        }

        if (authenticate && _credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _credential);
        }

        return request;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json.Options, cancellationToken)
                ?? throw new JsonException("empty body");
        }
        catch (JsonException exception)
        {
            throw new SimulatorException(ExitCodes.Unreachable, string.Create(CultureInfo.InvariantCulture,
                $"The clearinghouse answered HTTP {(int)response.StatusCode} with a body the simulator cannot read ({exception.Message}); is --url the clearinghouse?"));
        }
    }

    private static async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        ApiProblemBody? body = null;
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (text.TrimStart().StartsWith('{'))
            {
                body = JsonSerializer.Deserialize<ApiProblemBody>(text, Json.Options);
            }
        }
        catch (JsonException)
        {
            // Not problem details (a proxy's page, say): the status alone has to do.
        }

        var code = body?.Code ?? string.Create(CultureInfo.InvariantCulture, $"http-{status}");
        return new ApiProblem(status, code, body?.Title ?? response.ReasonPhrase, body?.Detail, body);
    }

    public void Dispose() => _http.Dispose();
}
