using System.Net;
using System.Text.Json;
using Clearinghouse.LicenseServer.Api;
using Clearinghouse.LicenseServer.State;

namespace Clearinghouse.LicenseServer.Tests;

/// <summary>Transient failures are retried within bounds, with one Idempotency-Key per command; refusals are not.</summary>
public sealed class RetryTests : IDisposable
{
    private readonly Lab _lab = new();

    public void Dispose() => _lab.Dispose();

    [Fact]
    public async Task A503WithRetryAfter_IsRetriedAfterThatLong_WithTheSameIdempotencyKey()
    {
        StateStore.Save(_lab.State(), Samples.Activated());
        _lab.Clearinghouse
            .Problem(HttpStatusCode.ServiceUnavailable, "database-busy", "Busy.", retryAfter: TimeSpan.FromSeconds(3))
            .Problem(HttpStatusCode.TooManyRequests, "too-many-requests", "Slow down.", retryAfter: TimeSpan.FromSeconds(2))
            .Answer(HttpStatusCode.Created, Samples.KeyPack());

        var run = await _lab.RunAsync(Samples.RequestArgs(_lab.State()));

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2)], run.Sleeps);
        var received = _lab.Clearinghouse.Received;
        Assert.Equal(3, received.Count);
        Assert.All(received, r => Assert.Equal("/api/v1/license-servers/BCDFGHJKMPQRTVWXY2346789BCDFGHJKMPQ/cal-requests", r.Path));
        Assert.True(Guid.TryParse(received[0].IdempotencyKey, out _));
        Assert.All(received, r => Assert.Equal(received[0].IdempotencyKey, r.IdempotencyKey));
        Assert.All(received, r => Assert.Equal($"Bearer {Samples.Credential}", r.Authorization));
        Assert.All(received, r => Assert.Equal(received[0].Body, r.Body));
    }

    [Fact]
    public async Task EachInvocation_HasItsOwnIdempotencyKey_UnlessOneIsGiven()
    {
        StateStore.Save(_lab.State(), Samples.Activated());
        _lab.Clearinghouse
            .Answer(HttpStatusCode.Created, Samples.KeyPack())
            .Answer(HttpStatusCode.Created, Samples.KeyPack("QQQQQ-QQQQQ-QQQQQ-QQQQQ-QQQQQ-QQQQQ-QQQQQ"))
            .Answer(HttpStatusCode.Created, Samples.KeyPack("QQQQQ-QQQQQ-QQQQQ-QQQQQ-QQQQQ-QQQQQ-QQQQQ"));

        await _lab.RunAsync(Samples.RequestArgs(_lab.State()));
        await _lab.RunAsync(Samples.RequestArgs(_lab.State()));
        await _lab.RunAsync([.. Samples.RequestArgs(_lab.State()), "--idempotency-key", "lab-step-7"]);

        var keys = _lab.Clearinghouse.Received.Select(r => r.IdempotencyKey).ToList();
        Assert.NotEqual(keys[0], keys[1]);
        Assert.Equal("lab-step-7", keys[2]);
    }

    [Fact]
    public async Task ConnectionErrors_AreRetriedWithGrowingBackOff_ThenExit3()
    {
        StateStore.Save(_lab.State(), Samples.Activated());
        _lab.Clearinghouse.ConnectionRefused().ConnectionRefused().ConnectionRefused().ConnectionRefused();

        var run = await _lab.RunAsync(Samples.RequestArgs(_lab.State()));

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.Equal(4, _lab.Clearinghouse.Received.Count);
        Assert.Single(_lab.Clearinghouse.Received.Select(r => r.IdempotencyKey).Distinct());
        // Equal jitter with the random draw at 0.5: three quarters of 0.5 s, 1 s, 2 s.
        Assert.Equal([TimeSpan.FromMilliseconds(375), TimeSpan.FromMilliseconds(750), TimeSpan.FromMilliseconds(1500)], run.Sleeps);
        Assert.Contains("after 4 attempt(s)", run.Error, StringComparison.Ordinal);
        Assert.Contains("Connection refused", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task ARetryAfterPastTheBudget_GivesUpAtOnce_RatherThanSleepingInVain()
    {
        StateStore.Save(_lab.State(), Samples.Activated());
        _lab.Clearinghouse.Problem(HttpStatusCode.ServiceUnavailable, "database-unavailable", "Down.", retryAfter: TimeSpan.FromSeconds(120));

        var run = await _lab.RunAsync(Samples.RequestArgs(_lab.State()));

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.Empty(run.Sleeps);
        Assert.Contains("database-unavailable", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllWaitsTogether_StayWithinTheBudget()
    {
        StateStore.Save(_lab.State(), Samples.Activated());
        for (var i = 0; i < 10; i++)
        {
            _lab.Clearinghouse.Problem(HttpStatusCode.BadGateway, "http-502", "Proxy.", retryAfter: TimeSpan.FromSeconds(4));
        }

        var run = await _lab.RunAsync([.. Samples.RequestArgs(_lab.State()), "--max-attempts", "10", "--retry-budget", "10"]);

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.Equal([TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4)], run.Sleeps);
        Assert.Equal(3, _lab.Clearinghouse.Received.Count);
    }

    [Fact]
    public async Task AnAttemptWithNoAnswer_IsAbandonedAtTheTimeout_AndRetried()
    {
        StateStore.Save(_lab.State(), Samples.Activated());
        _lab.Clearinghouse.Hang().Answer(HttpStatusCode.OK, new { licenseServerId = Samples.ServerId, keyPacks = Array.Empty<object>() });

        var run = await _lab.RunAsync("status", "--state", _lab.State(), "--timeout", "0.2");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(2, _lab.Clearinghouse.Received.Count);
        Assert.Single(run.Sleeps);
    }

    [Fact]
    public async Task AttemptsThatNeverAnswer_EndInExit3_NamingTheTimeout()
    {
        StateStore.Save(_lab.State(), Samples.Activated());
        _lab.Clearinghouse.Hang().Hang();

        var run = await _lab.RunAsync("status", "--state", _lab.State(), "--timeout", "0.1", "--max-attempts", "2");

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.Contains("no answer from http://clearinghouse.test/ within 0.1 s", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIdempotencyKeyInFlight_IsRetried()
    {
        StateStore.Save(_lab.State(), Samples.Activated());
        _lab.Clearinghouse
            .Problem(HttpStatusCode.Conflict, "idempotency-key-in-flight", "Still working.", retryAfter: TimeSpan.FromSeconds(1))
            .Answer(HttpStatusCode.Created, Samples.KeyPack());

        var run = await _lab.RunAsync(Samples.RequestArgs(_lab.State()));

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal([TimeSpan.FromSeconds(1)], run.Sleeps);
    }

    [Theory]
    [InlineData(HttpStatusCode.Conflict, "key-pack-issued-to-another-server")]
    [InlineData(HttpStatusCode.Gone, "key-pack-migrated")]
    [InlineData(HttpStatusCode.Unauthorized, "unauthorized")]
    [InlineData(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused")]
    public async Task A4xxProblem_IsNotRetried_AndIsExit1_WithItsCodeAndDetail(HttpStatusCode status, string code)
    {
        StateStore.Save(_lab.State(), Samples.Activated());
        _lab.Clearinghouse.Problem(status, code, "What the clearinghouse says about it.");

        var run = await _lab.RunAsync("install", "--state", _lab.State(), Samples.KeyPackId);

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Single(_lab.Clearinghouse.Received);
        Assert.Contains($"{code}: What the clearinghouse says about it.", run.Error, StringComparison.Ordinal);
        Assert.Empty(StateStore.Load(_lab.State()).KeyPacks);
    }

    [Fact]
    public async Task AValidationProblem_ShowsItsFieldErrors()
    {
        StateStore.Save(_lab.State(), Samples.Activated());
        _lab.Clearinghouse.Answer(HttpStatusCode.BadRequest, new
        {
            status = 400,
            title = "The request is not valid.",
            detail = "Choose a CAL type sold for Windows Server 2022.",
            code = "cal-type-not-sold-for-version",
            errors = new Dictionary<string, string[]> { ["calType"] = ["Choose a CAL type sold for Windows Server 2022."] },
        });

        var run = await _lab.RunAsync([.. Samples.RequestArgs(_lab.State()), "--json"]);

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("cal-type-not-sold-for-version", run.Error, StringComparison.Ordinal);
        Assert.Equal("cal-type-not-sold-for-version", run.Json.GetProperty("code").GetString());
        Assert.Equal(400, run.Json.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Array, run.Json.GetProperty("errors").GetProperty("calType").ValueKind);
    }

    [Fact]
    public async Task A500_IsNotRetried_AndIsExit3()
    {
        StateStore.Save(_lab.State(), Samples.Activated());
        _lab.Clearinghouse.Problem(HttpStatusCode.InternalServerError, "internal-error", "Quote the traceId.");

        var run = await _lab.RunAsync("status", "--state", _lab.State());

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.Single(_lab.Clearinghouse.Received);
        Assert.Contains("internal-error", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerThatIsNotTheApis_IsExit3()
    {
        StateStore.Save(_lab.State(), Samples.Activated());
        _lab.Clearinghouse.Then((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("<html>a captive portal</html>"),
        }));

        var run = await _lab.RunAsync("status", "--state", _lab.State());

        Assert.Equal(ExitCodes.Unreachable, run.ExitCode);
        Assert.Contains("is --url the clearinghouse?", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 500)]
    [InlineData(2, 1000)]
    [InlineData(3, 2000)]
    [InlineData(10, 8000)] // capped at MaxDelay
    public void Backoff_DoublesEachRetry_KeepingARandomHalf_UpToTheCap(int retry, int cappedMs)
    {
        var policy = RetryPolicy.Default;

        Assert.Equal(TimeSpan.FromMilliseconds(cappedMs / 2.0), policy.Backoff(retry, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(cappedMs), policy.Backoff(retry, 1));
        Assert.InRange(policy.Backoff(retry, 0.3).TotalMilliseconds, cappedMs / 2.0, cappedMs);
    }

    [Fact]
    public void RetryAfter_ReadsSecondsAndDates()
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        using var seconds = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        seconds.Headers.TryAddWithoutValidation("Retry-After", "7");
        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.TryAddWithoutValidation("Retry-After", "Sun, 01 Mar 2026 12:00:05 GMT");
        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Equal(TimeSpan.FromSeconds(7), RetryPolicy.RetryAfter(seconds, now));
        Assert.Equal(TimeSpan.FromSeconds(5), RetryPolicy.RetryAfter(date, now));
        Assert.Null(RetryPolicy.RetryAfter(none, now));
    }
}
