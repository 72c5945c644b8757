using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Pages.InstallCals;
using Clearinghouse.Tests.Pages.ManageCals;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Reliability;

/// <summary>
/// Many clients at once on the same data: what the database decides under the race is what every answer says. The
/// single-race tests of each rule sit with the rule (KeyPackInstallationTests, KeyPackIssuerTests, …); these put more
/// load on the front doors, on both providers.
/// </summary>
public abstract class ConcurrencyTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Install_ManyAtOnceByItsApiServer_InstallsOnce_AndEveryAnswerIsTheSame()
    {
        using var client = factory.CreateClient();
        var server = await client.ActivateAsync();
        var keyPackId = await IssueOnTheSiteAsync(server.Id);
        var path = $"/api/v1/license-servers/{server.Id}/key-pack-installations";

        var answers = await AllAtOnceAsync(24, async _ =>
        {
            using var response = await client.SendAsync(HttpMethod.Post, path, server.Credential, new { keyPackId });
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        });

        Assert.All(answers, a => Assert.True(a.Item1 == 200, $"{a.Item1}: {a.Item2}"));
        Assert.Single(answers.Select(a => a.Item2).Distinct(StringComparer.Ordinal));
        var canonical = IdFormat.KeyPackId.Parse(keyPackId).Value!;
        Assert.Equal(1, await factory.WithDbAsync(db => db.KeyPackInstallations.CountAsync(i => i.KeyPackId == canonical)));
    }

    [Fact]
    public async Task Install_ByTwoServersAtOnce_OverManyRounds_TheBoundOneWins_TheOtherGetsThePreciseRefusal()
    {
        using var client = factory.CreateClient();
        for (var round = 0; round < 10; round++)
        {
            var bound = KeyPacks.NewLicenseServerId();
            var other = KeyPacks.NewLicenseServerId();
            var keyPackId = await IssueOnTheSiteAsync(bound);

            // The other server first in half of the rounds: the order they are sent in must not matter.
            var servers = round % 2 == 0 ? new[] { other, bound } : [bound, other];
            var answers = await AllAtOnceAsync(2, async i =>
            {
                using var response = await client.PostAsJsonAsync(
                    $"/api/v1/license-servers/{servers[i]}/key-pack-installations", new { keyPackId });
                return (servers[i], response.StatusCode, await response.Content.ReadAsStringAsync());
            });

            var won = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
            Assert.Equal(bound, won.Item1);
            var lost = Assert.Single(answers, a => a.StatusCode != HttpStatusCode.OK);
            Assert.True(lost.StatusCode == HttpStatusCode.Conflict, $"{(int)lost.StatusCode}: {lost.Item3}");
            var problem = JsonSerializer.Deserialize<JsonElement>(lost.Item3);
            Assert.Equal(ErrorCodes.KeyPackIssuedToAnotherServer, problem.GetProperty("code").GetString());
            Assert.Contains(IdFormat.LicenseServerId.Format(other), problem.Detail(), StringComparison.Ordinal);
            Assert.Contains(keyPackId, problem.Detail(), StringComparison.Ordinal);
            var installations = await factory.WithDbAsync(db => db.KeyPackInstallations
                .Where(i => i.KeyPackId == IdFormat.KeyPackId.Parse(keyPackId).Value).Select(i => i.LicenseServerId).ToListAsync());
            Assert.Equal([bound], installations);
        }
    }

    [Fact]
    public async Task Issue_ManyAtOnceThroughTheApi_GivesDistinctIds_AllStoredAndListed()
    {
        using var client = factory.CreateClient();
        var servers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.ActivateAsync()));

        var answers = await AllAtOnceAsync(40, async i =>
        {
            using var response = await client.RequestCalsAsync(servers[i % servers.Length], ApiClient.Agreement("install", 1 + i));
            return (i, response.StatusCode, await response.Content.ReadAsStringAsync());
        });

        Assert.All(answers, a => Assert.True(a.StatusCode == HttpStatusCode.Created, $"{(int)a.StatusCode}: {a.Item3}"));
        var issued = answers.Select(a => (a.i, Json: JsonSerializer.Deserialize<JsonElement>(a.Item3))).ToList();
        var ids = issued.Select(a => a.Json.GetProperty("keyPackId").GetString()!).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var canonical = ids.Select(id => IdFormat.KeyPackId.Parse(id).Value!).ToList();
        var stored = await factory.WithDbAsync(db => db.KeyPacks.Where(k => canonical.Contains(k.Id))
            .ToDictionaryAsync(k => k.Id, k => (k.LicenseServerId, k.Quantity)));
        Assert.Equal(ids.Count, stored.Count);
        Assert.All(issued, a =>
        {
            var (serverId, quantity) = stored[IdFormat.KeyPackId.Parse(a.Json.GetProperty("keyPackId").GetString()).Value!];
            Assert.Equal(IdFormat.LicenseServerId.Parse(servers[a.i % servers.Length].Id).Value, serverId);
            Assert.Equal(1 + a.i, quantity);
        });
        foreach (var server in servers)
        {
            using var listed = await client.KeyPacksAsync(server);
            var keyPacks = (await listed.ReadJsonAsync()).GetProperty("keyPacks").EnumerateArray()
                .Select(k => k.GetProperty("keyPackId").GetString()!).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(ids.Count / servers.Length, keyPacks.Count);
            Assert.Subset(ids.ToHashSet(StringComparer.Ordinal), keyPacks);
        }
    }

    /// <summary>
    /// A lab's scripts all asking for one license server at once: each issuance touches that server's version, so each
    /// lost race to another — until the attempts ran out and one answered 500 (found by the crash test).
    /// </summary>
    [Fact]
    public async Task Issue_ManyAtOnceForOneServer_EveryOneIsIssued()
    {
        using var client = factory.CreateClient();
        var server = await client.ActivateAsync();

        var answers = await AllAtOnceAsync(24, async i =>
        {
            using var response = await client.RequestCalsAsync(server, ApiClient.Agreement("install", 1 + i));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        });

        Assert.All(answers, a => Assert.True(a.StatusCode == HttpStatusCode.Created, $"{(int)a.StatusCode}: {a.Body}"));
        using var listed = await client.KeyPacksAsync(server);
        Assert.Equal(24, (await listed.ReadJsonAsync()).GetProperty("keyPacks").GetArrayLength());
    }

    /// <summary>
    /// Many people submitting Install CALs for one license server at once (found by the benchmark: a 500 once ten lost
    /// races to the server's version had used up the attempts).
    /// </summary>
    [Fact]
    public async Task Issue_ManyAtOnceThroughTheWebFlowsForOneServer_EveryOneIsIssued()
    {
        const int Walks = 16;
        var serverId = KeyPacks.NewLicenseServerId();
        var reviews = await Task.WhenAll(Enumerable.Range(0, Walks).Select(_ =>
            new InstallCalsWizard(factory.CreatePageClient()).UpToReviewAsync(serverId)));

        var results = await AllAtOnceAsync(Walks, i => new ManageCalsWizard(reviews[i].Client).AcceptAsync(reviews[i].Form()));

        var shown = results.Select(ManageCalsWizard.KeyPackIdOn).ToList();
        Assert.Equal(Walks, shown.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Walks, await factory.WithDbAsync(db => db.KeyPacks.CountAsync(k => k.LicenseServerId == serverId)));
    }

    [Fact]
    public async Task Issue_ManyAtOnceThroughTheWebFlows_GivesDistinctIds_EachStoredForItsRequest()
    {
        const int Walks = 12;

        // Half Manage CALs, half Install CALs, each in a browser of its own, all submitted at once.
        var reviews = await Task.WhenAll(Enumerable.Range(0, Walks).Select(async i =>
        {
            var serverId = KeyPacks.NewLicenseServerId();
            var client = factory.CreatePageClient();
            var review = i % 2 == 0
                ? await new ManageCalsWizard(client).UpToReviewAsync(serverId)
                : await new InstallCalsWizard(client).UpToReviewAsync(serverId);
            return (Review: review, ServerId: serverId);
        }));

        var results = await AllAtOnceAsync(Walks, async i =>
        {
            var (review, _) = reviews[i];
            return await new ManageCalsWizard(review.Client).AcceptAsync(review.Form());
        });

        var shown = results.Select(ManageCalsWizard.KeyPackIdOn).ToList();
        Assert.Equal(Walks, shown.Distinct(StringComparer.Ordinal).Count());
        for (var i = 0; i < Walks; i++)
        {
            var requestId = ManageCalsWizard.RequestIdOf(reviews[i].Review);
            var keyPack = await factory.WithDbAsync(db => db.KeyPacks.SingleAsync(k => k.RequestId == requestId));
            Assert.Equal(IdFormat.KeyPackId.Format(keyPack.Id), shown[i]);
            Assert.Equal(reviews[i].ServerId, keyPack.LicenseServerId);
        }
    }

    [Fact]
    public async Task InstallCals_SubmitRacingStaleStepPosts_TheResultAndReceiptAlwaysMatchTheKeyPack()
    {
        // Manage CALs has this race over many rounds (ManageCalsFinalityTests); Install CALs shares the flow code but
        // not its pages, so a few rounds here.
        var disagreements = new List<string>();
        for (var round = 1; round <= 10; round++)
        {
            var wizard = new InstallCalsWizard(factory.CreatePageClient());
            var review = await wizard.UpToReviewAsync(KeyPacks.NewLicenseServerId());
            var requestId = ManageCalsWizard.RequestIdOf(review);
            var requestStep = (await wizard.OpenAsync($"/install-cals/{requestId}/request")).Form()
                .Fill("License Server ID", KeyPacks.NewLicenseServerId());
            var programStep = (await wizard.OpenAsync($"/install-cals/{requestId}/program")).Form().Fill("Quantity", "40");
            HttpRequestMessage[] posts = [review.Form().CreateRequest(), requestStep.CreateRequest(), programStep.CreateRequest()];

            var responses = await Task.WhenAll(posts.Select(post => Task.Run(() => wizard.Client.SendAsync(post))));

            Assert.All(responses, r => Assert.True((int)r.StatusCode < 500, $"round {round}: {(int)r.StatusCode}"));
            if (responses[0].Headers.Location?.OriginalString == $"/install-cals/{requestId}/review?changed=true")
            {
                await wizard.AcceptAsync((await wizard.OpenAsync($"/install-cals/{requestId}/review?changed=true")).Form());
            }

            var keyPack = await factory.WithDbAsync(db => db.KeyPacks.AsNoTracking().SingleAsync(k => k.RequestId == requestId));
            var result = await wizard.OpenAsync($"/install-cals/{requestId}/result");
            var receipt = await wizard.Client.GetStringAsync(new Uri($"/install-cals/{requestId}/result/receipt", UriKind.Relative));
            var server = IdFormat.LicenseServerId.Format(keyPack.LicenseServerId);
            var quantity = keyPack.Quantity.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
            void Expect(string what, string expected, string? actual)
            {
                if (actual != expected)
                {
                    disagreements.Add($"round {round}: {what} says {actual}, the key pack {expected}");
                }
            }

            Expect("the result page's key pack ID", IdFormat.KeyPackId.Format(keyPack.Id), ManageCalsWizard.KeyPackIdOn(result));
            Expect("the result page's server", server, IssuedRecord.Rows(result).GetValueOrDefault("License Server ID"));
            Expect("the result page's quantity", quantity, IssuedRecord.Rows(result).GetValueOrDefault("Quantity"));
            Expect("the receipt's key pack ID", IdFormat.KeyPackId.Format(keyPack.Id), IssuedRecord.ReceiptValue(receipt, "License key pack ID"));
            Expect("the receipt's server", server, IssuedRecord.ReceiptValue(receipt, "License Server ID"));
            Expect("the receipt's quantity", quantity, IssuedRecord.ReceiptValue(receipt, "Quantity"));
        }

        Assert.True(disagreements.Count == 0, string.Join('\n', disagreements));
    }

    /// <summary>A key pack issued through the Manage CALs pages for <paramref name="serverId"/>: its ID as shown.</summary>
    private async Task<string> IssueOnTheSiteAsync(string serverId) =>
        ManageCalsWizard.KeyPackIdOn(await new ManageCalsWizard(factory.CreatePageClient()).IssueAsync(serverId));

    /// <summary>Starts <paramref name="count"/> calls, releases them together, and waits for all of them.</summary>
    private static async Task<T[]> AllAtOnceAsync<T>(int count, Func<int, Task<T>> call)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, count).Select(async i =>
        {
            await start.Task;
            return await call(i);
        }).ToList();
        start.SetResult();
        return await Task.WhenAll(calls).WaitAsync(Patience);
    }
}

public sealed class ConcurrencyTestsOnSqlite(ClearinghouseFactory factory) : ConcurrencyTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class ConcurrencyTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : ConcurrencyTests<PostgreSqlClearinghouseFactory>(factory);
