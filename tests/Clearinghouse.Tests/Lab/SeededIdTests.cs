using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Auditing;
using Clearinghouse.Web.Lab;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Lab;

/// <summary>
/// The ID seed: two fresh clearinghouses given the same seed issue the same IDs, in the order README documents, and a
/// restart (or another instance) continues the sequence rather than starting it again.
/// </summary>
public abstract class SeededIdTests<TFactory>
    where TFactory : ClearinghouseFactory, new()
{
    [Fact]
    public async Task TheSameSeed_InTwoFreshDatabases_IssuesTheSameIds_AsDocumented()
    {
        using var first = new TFactory();
        using var second = new TFactory();
        var seed = "lab-" + Guid.NewGuid().ToString("N")[..6];

        var a = await ActivateTwiceAsync(first, seed);
        var b = await ActivateTwiceAsync(second, seed);

        Assert.Equal(a, b);
        Assert.NotEqual(a.First, a.Second);
        Assert.Equal(IdFormat.LicenseServerId.Format(Documented(seed, 1)), a.First);
        Assert.Equal(IdFormat.LicenseServerId.Format(Documented(seed, 2)), a.Second);
        Assert.True(await first.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.LabIdSeedChanged)));
    }

    /// <summary>
    /// A restart (or another instance) continues the sequence; a reset starts it again; setting the seed again without a
    /// reset starts it again too, but skips the IDs still held (the clearinghouse never issues one ID twice).
    /// </summary>
    [Fact]
    public async Task TheSequence_ContinuesAcrossARestart_StartsAgainAfterAReset_AndSkipsIdsStillHeld()
    {
        using var portal = new TFactory();
        var seed = "restart-" + Guid.NewGuid().ToString("N")[..6];
        using var lab = await LabClientAsync(portal);
        using var set = await lab.PutAsJsonAsync("/api/v1/lab/id-seed", new { seed });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        using var api = portal.CreateClient();
        var one = (await api.ActivateAsync()).Id;

        using var restarted = portal.OnTheSameDatabase();
        using var afterRestart = restarted.CreateClient();
        var two = (await afterRestart.ActivateAsync()).Id;
        using var reset = await lab.PostAsJsonAsync("/api/v1/lab/reset", new { confirm = "reset" });
        var afterReset = (await api.ActivateAsync()).Id;
        using var again = await lab.PutAsJsonAsync("/api/v1/lab/id-seed", new { seed });
        var skipping = (await api.ActivateAsync()).Id;
        using var random = await lab.PutAsJsonAsync("/api/v1/lab/id-seed", new { seed = (string?)null });
        var unseeded = (await api.ActivateAsync()).Id;

        Assert.Equal(IdFormat.LicenseServerId.Format(Documented(seed, 1)), one);
        Assert.Equal(IdFormat.LicenseServerId.Format(Documented(seed, 2)), two);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(one, afterReset);
        Assert.Equal(IdFormat.LicenseServerId.Format(Documented(seed, 2)), skipping);
        Assert.Equal(0, (await random.ReadJsonAsync()).GetProperty("idsDrawn").GetInt64());
        Assert.NotEqual(IdFormat.LicenseServerId.Format(Documented(seed, 3)), unseeded);
    }

    private static async Task<(string First, string Second)> ActivateTwiceAsync(ClearinghouseFactory portal, string seed)
    {
        using var lab = await LabClientAsync(portal);
        using var set = await lab.PutAsJsonAsync("/api/v1/lab/id-seed", new { seed });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        using var api = portal.CreateClient();
        return ((await api.ActivateAsync()).Id, (await api.ActivateAsync()).Id);
    }

    /// <summary>
    /// README's recipe, written out independently: the n-th ID's bytes are HMAC-SHA256(key = seed, n as 8 bytes
    /// big-endian ‖ block as 4 bytes big-endian), blocks in turn; 4 of every 5 characters are alphabet[b mod 24] for
    /// each byte below 240, the fifth the group's check character.
    /// </summary>
    private static string Documented(string seed, long n)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(seed));
        var bytes = new Queue<byte>();
        var block = 0;
        byte Next()
        {
            if (bytes.Count == 0)
            {
                var message = new byte[12];
                BinaryPrimitives.WriteInt64BigEndian(message, n);
                BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(8), block++);
                foreach (var b in hmac.ComputeHash(message))
                {
                    bytes.Enqueue(b);
                }
            }

            return bytes.Dequeue();
        }

        var id = new StringBuilder();
        for (var group = 0; group < 7; group++)
        {
            var chars = new char[4];
            for (var i = 0; i < 4; i++)
            {
                byte b;
                do
                {
                    b = Next();
                }
                while (b >= 240);
                chars[i] = GroupCheck.Alphabet[b % 24];
            }

            id.Append(chars).Append(GroupCheck.CheckCharacterFor(chars));
        }

        return id.ToString();
    }

    private static async Task<HttpClient> LabClientAsync(ClearinghouseFactory portal)
    {
        using var admin = await portal.SignedInAsync(ConsoleAccounts.Administrator);
        using var response = await (await HtmlPage.GetAsync(admin, "/lab/api-keys")).Form("#create-key").Fill("Name", "seed script").SubmitAsync();
        var page = await HtmlPage.ReadAsync(admin, response);
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Add("X-Lab-Api-Key", page.Document.QuerySelector("[data-new-key]")!.TextContent.Trim());
        return client;
    }
}

public sealed class SeededIdTestsOnSqlite : SeededIdTests<ClearinghouseFactory>;

[Trait("Database", "PostgreSql")]
public sealed class SeededIdTestsOnPostgreSql : SeededIdTests<PostgreSqlClearinghouseFactory>;

public sealed class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("=SUM(A1:A2)", "'=SUM(A1:A2)")]
    [InlineData("+1 555", "'+1 555")]
    [InlineData("-2", "'-2")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("=1,2", "\"'=1,2\"")]
    [InlineData("", "")]
    public void Field_QuotesAsRfc4180Says_AndDisarmsFormulas(string value, string expected) =>
        Assert.Equal(expected, Csv.Field(value));

    [Fact]
    public void Line_EndsWithCrLf() => Assert.Equal("a,'=b,\"c,d\"\r\n", Csv.Line(["a", "=b", "c,d"]));
}
