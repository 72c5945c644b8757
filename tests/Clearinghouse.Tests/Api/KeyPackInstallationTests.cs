using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Licensing;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Api;

/// <summary>POST /api/v1/license-servers/{licenseServerId}/key-pack-installations, through HTTP.</summary>
public abstract partial class KeyPackInstallationTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private const string IssuingAlphabet = "BCDFGHJKMPQRTVWXY2346789";

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Install_FirstSubmission_ReturnsTheKeyPackContents()
    {
        var issued = await factory.IssueAsync();

        using var response = await InstallAsync(issued.LicenseServerId, issued.KeyPackId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        var keyPackId = body.GetProperty("keyPackId").GetString()!;
        Assert.Matches(GroupedId(), keyPackId);
        Assert.Equal(IdFormat.KeyPackId.Format(issued.KeyPackId), keyPackId);
        Assert.Equal(IdFormat.LicenseServerId.Format(issued.LicenseServerId), body.GetProperty("licenseServerId").GetString());
        Assert.Equal("enterprise-agreement", body.GetProperty("licenseProgram").GetString());
        Assert.Equal("windows-server-2022", body.GetProperty("productVersion").GetString());
        Assert.Equal("rds-per-user", body.GetProperty("calType").GetString());
        Assert.Equal(25, body.GetProperty("quantity").GetInt32());
        Assert.Equal(issued.IssuedAt, body.GetProperty("issuedAt").GetDateTimeOffset());
        var installedAt = body.GetProperty("installedAt").GetDateTimeOffset();
        Assert.InRange(installedAt, issued.IssuedAt, DateTimeOffset.UtcNow);

        var installation = await factory.WithDbAsync(db => db.KeyPackInstallations.SingleAsync(i => i.KeyPackId == issued.KeyPackId));
        Assert.Equal(issued.LicenseServerId, installation.LicenseServerId);
    }

    [Fact]
    public async Task Install_SubmittedAgainBySameServer_AnswersTheSameAndInstallsOnce()
    {
        var issued = await factory.IssueAsync();

        using var first = await InstallAsync(issued.LicenseServerId, issued.KeyPackId);
        using var again = await InstallAsync(issued.LicenseServerId, issued.KeyPackId);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await InstallationCountAsync(issued.KeyPackId));
    }

    [Theory]
    [InlineData("lower case, grouped")]
    [InlineData("upper case, no hyphens")]
    [InlineData("lower case, no hyphens")]
    [InlineData("spaces between groups")]
    [InlineData("spaces around hyphens")]
    public async Task Install_AcceptsIdsAsPeopleTypeThem(string style)
    {
        var issued = await factory.IssueAsync();

        using var response = await InstallAsync(Typed(issued.LicenseServerId, style), Typed(issued.KeyPackId, style));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(IdFormat.KeyPackId.Format(issued.KeyPackId), body.GetProperty("keyPackId").GetString());
        Assert.Equal(IdFormat.LicenseServerId.Format(issued.LicenseServerId), body.GetProperty("licenseServerId").GetString());
        Assert.Equal(1, await InstallationCountAsync(issued.KeyPackId));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public async Task Install_WhenOneCharacterIsMistyped_NamesTheGroup(int group)
    {
        var issued = await factory.IssueAsync();
        var mistyped = Substitute(issued.KeyPackId, ((group - 1) * 5) + 2);

        using var response = await InstallAsync(issued.LicenseServerId, IdFormat.KeyPackId.Format(mistyped));

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, "malformed-key-pack-id");
        Assert.Equal(group, problem.GetProperty("group").GetInt32());
        Assert.Contains($"Group {group}", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal("keyPackId", problem.GetProperty("field").GetString());
        Assert.Equal(0, await InstallationCountAsync(issued.KeyPackId));
    }

    [Fact]
    public async Task Install_WhenTwoAdjacentCharactersAreSwapped_NamesTheGroup()
    {
        var issued = await factory.IssueAsync();
        var id = issued.KeyPackId.ToCharArray();
        // The first two neighbours in group 4 that differ (swapping equal ones would change nothing).
        var at = Enumerable.Range(15, 4).First(i => id[i] != id[i + 1]);
        (id[at], id[at + 1]) = (id[at + 1], id[at]);

        using var response = await InstallAsync(issued.LicenseServerId, new string(id));

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, "malformed-key-pack-id");
        Assert.Equal(4, problem.GetProperty("group").GetInt32());
        Assert.Contains("Group 4", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_WhenKeyPackIdHasTheWrongLength_SaysWhatLengthIsNeeded()
    {
        var issued = await factory.IssueAsync();

        using var response = await InstallAsync(issued.LicenseServerId, issued.KeyPackId[..^1]);

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, "malformed-key-pack-id");
        Assert.Contains("34 characters", problem.Detail(), StringComparison.Ordinal);
        Assert.Contains("35", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_WhenAGroupIsShort_NamesTheGroup()
    {
        var issued = await factory.IssueAsync();
        var groups = IdFormat.KeyPackId.Format(issued.KeyPackId).Split('-');
        groups[4] = groups[4][..4];

        using var response = await InstallAsync(issued.LicenseServerId, string.Join('-', groups));

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, "malformed-key-pack-id");
        Assert.Equal(5, problem.GetProperty("group").GetInt32());
        Assert.Contains("Group 5", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_WhenKeyPackIdHasALetterOutsideTheAlphabet_NamesGroupAndCharacter()
    {
        var issued = await factory.IssueAsync();
        var id = issued.KeyPackId.ToCharArray();
        id[7] = 'A'; // group 2, character 3: no ID issued here contains a vowel

        using var response = await InstallAsync(issued.LicenseServerId, new string(id));

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, "malformed-key-pack-id");
        Assert.Equal(2, problem.GetProperty("group").GetInt32());
        Assert.Equal(3, problem.GetProperty("position").GetInt32());
        Assert.Contains("'A'", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_WhenKeyPackIdHasASymbol_IsRefused()
    {
        var issued = await factory.IssueAsync();
        var id = issued.KeyPackId.ToCharArray();
        id[20] = '#';

        using var response = await InstallAsync(issued.LicenseServerId, new string(id));

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, "malformed-key-pack-id");
        Assert.Equal(5, problem.GetProperty("group").GetInt32());
        Assert.Contains("'#'", problem.Detail(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12345", "5 characters")]
    [InlineData("BCDFG-HJKMP-QRTVW-XY234-6789B-CDFGH", "30 characters")]
    [InlineData("BCDFG-HJKMP-QRTVW-XY234-6789B-CDFGH-JKMP#", "'#'")]
    [InlineData("BCDFG-HJKMP-QRTVW-XY234-6789B-CDFGH-JKMP\u001B", "U+001B")]
    public async Task Install_WhenLicenseServerIdIsNotThirtyFiveLettersOrDigits_IsRefused(string licenseServerId, string said)
    {
        var issued = await factory.IssueAsync();

        using var response = await InstallAsync(licenseServerId, issued.KeyPackId);

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, "malformed-license-server-id");
        Assert.Equal("licenseServerId", problem.GetProperty("field").GetString());
        Assert.Contains(said, problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(0, await InstallationCountAsync(issued.KeyPackId));
    }

    [Fact]
    public async Task Install_WhenLicenseServerIdIsAMistypedVersionOfTheBoundOne_IsRefusedByTheBindingNotTheChecks()
    {
        var issued = await factory.IssueAsync();

        using var response = await InstallAsync(Substitute(issued.LicenseServerId, 31), issued.KeyPackId);

        var problem = await Problems.ReadAsync(response, HttpStatusCode.Conflict, "key-pack-issued-to-another-server");
        Assert.Contains(IdFormat.LicenseServerId.Format(Substitute(issued.LicenseServerId, 31)), problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(0, await InstallationCountAsync(issued.KeyPackId));
    }

    [Fact]
    public async Task Install_ByAForeignServerWhoseIdUsesTheIssuingAlphabetButDoesNotCheckOut_InstallsItsKeyPack()
    {
        var foreignServer = AlphabetOnlyIds.New(IdFormat.LicenseServerId);
        Assert.Equal(IdOrigin.ChecksFailed, IdFormat.LicenseServerId.Parse(foreignServer).Origin);
        var issued = await factory.IssueAsync(foreignServer);

        using var response = await InstallAsync(IdFormat.LicenseServerId.Format(foreignServer).ToLowerInvariant(), issued.KeyPackId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(IdFormat.LicenseServerId.Format(foreignServer), body.GetProperty("licenseServerId").GetString());
        Assert.Equal(1, await InstallationCountAsync(issued.KeyPackId));
    }

    [Fact]
    public async Task Install_ByAForeignServer_WhenTheKeyPackWasNeverIssued_IsNotFound()
    {
        using var response = await InstallAsync(AlphabetOnlyIds.New(IdFormat.LicenseServerId), KeyPacks.NewKeyPackId());

        await Problems.ReadAsync(response, HttpStatusCode.NotFound, "key-pack-not-found");
    }

    [Fact]
    public async Task Install_ByAForeignServer_WhenTheKeyPackIsBoundToAnother_IsRefused()
    {
        var issued = await factory.IssueAsync();

        using var response = await InstallAsync("12345-67890-ABCDE-FGHIJ-KLMNO-PQRST-UVWXY", issued.KeyPackId);

        await Problems.ReadAsync(response, HttpStatusCode.Conflict, "key-pack-issued-to-another-server");
        Assert.Equal(0, await InstallationCountAsync(issued.KeyPackId));
    }

    [Fact]
    public async Task Install_WithoutABody_IsRefused()
    {
        using var response = await _client.PostAsync(InstallPath(KeyPacks.NewLicenseServerId()), content: null);

        await Problems.ReadAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task Install_WithAnEmptyJsonBody_IsRefused()
    {
        using var content = new StringContent(string.Empty, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(InstallPath(KeyPacks.NewLicenseServerId()), content);

        await Problems.ReadAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Theory]
    [InlineData("{\"keyPackId\": ")]
    [InlineData("not json")]
    [InlineData("{\"keyPackId\": 12345}")]
    [InlineData("[\"BCDFG\"]")]
    public async Task Install_WithUnreadableJson_IsRefusedWithACode(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(InstallPath(KeyPacks.NewLicenseServerId()), content);

        await Problems.ReadAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"keyPackId\": null}")]
    [InlineData("{\"keyPackId\": \"  \"}")]
    [InlineData("{\"licenseServerId\": \"BCDFG\"}")]
    public async Task Install_WithoutAKeyPackId_AsksForIt(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(InstallPath(KeyPacks.NewLicenseServerId()), content);

        var problem = await Problems.ReadAsync(response, HttpStatusCode.BadRequest, "malformed-key-pack-id");
        Assert.Equal("keyPackId", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Install_WithAFormInsteadOfJson_IsRefusedWithACode()
    {
        var issued = await factory.IssueAsync();
        using var content = new FormUrlEncodedContent([new("keyPackId", issued.KeyPackId)]);

        using var response = await _client.PostAsync(InstallPath(issued.LicenseServerId), content);

        await Problems.ReadAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Equal(0, await InstallationCountAsync(issued.KeyPackId));
    }

    [Fact]
    public async Task Install_WhenKeyPackWasNeverIssued_IsNotFound()
    {
        var issued = await factory.IssueAsync();
        var neverIssued = KeyPacks.NewKeyPackId();

        using var response = await InstallAsync(issued.LicenseServerId, neverIssued);

        var problem = await Problems.ReadAsync(response, HttpStatusCode.NotFound, "key-pack-not-found");
        Assert.Contains(IdFormat.KeyPackId.Format(neverIssued), problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_WhenKeyPackBelongsToAnotherServer_IsRefused()
    {
        var issued = await factory.IssueAsync();
        var otherServer = KeyPacks.NewLicenseServerId();

        using var response = await InstallAsync(otherServer, issued.KeyPackId);

        var problem = await Problems.ReadAsync(response, HttpStatusCode.Conflict, "key-pack-issued-to-another-server");
        Assert.Contains(IdFormat.LicenseServerId.Format(otherServer), problem.Detail(), StringComparison.Ordinal);
        Assert.Equal(0, await InstallationCountAsync(issued.KeyPackId));
    }

    [Fact]
    public async Task Install_WhenAlreadyInstalled_IsStillRefusedToAnotherServer()
    {
        var issued = await factory.IssueAsync();
        using var installed = await InstallAsync(issued.LicenseServerId, issued.KeyPackId);
        Assert.Equal(HttpStatusCode.OK, installed.StatusCode);

        using var response = await InstallAsync(KeyPacks.NewLicenseServerId(), issued.KeyPackId);

        await Problems.ReadAsync(response, HttpStatusCode.Conflict, "key-pack-issued-to-another-server");
        var installation = await factory.WithDbAsync(db => db.KeyPackInstallations.SingleAsync(i => i.KeyPackId == issued.KeyPackId));
        Assert.Equal(issued.LicenseServerId, installation.LicenseServerId);
    }

    [Fact]
    public async Task Install_WhenSubmissionsRace_InstallsOnceOnTheBoundServer()
    {
        const int duplicates = 10;
        var issued = await factory.IssueAsync();
        var otherServer = KeyPacks.NewLicenseServerId();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task<(HttpStatusCode Status, string Body)> SubmitAsync(string serverId)
        {
            await start.Task;
            using var response = await InstallAsync(serverId, issued.KeyPackId);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var bound = Enumerable.Range(0, duplicates).Select(_ => SubmitAsync(issued.LicenseServerId)).ToList();
        var other = SubmitAsync(otherServer);
        start.SetResult();
        var answers = await Task.WhenAll(bound).WaitAsync(TimeSpan.FromSeconds(60));
        var otherAnswer = await other.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.OK, $"{(int)a.Status}: {a.Body}"));
        var installedAt = answers.Select(a => JsonSerializer.Deserialize<JsonElement>(a.Body).GetProperty("installedAt").GetString())
            .Distinct().ToList();
        Assert.Single(installedAt);
        Assert.True(otherAnswer.Status == HttpStatusCode.Conflict, $"{(int)otherAnswer.Status}: {otherAnswer.Body}");
        Assert.Contains("key-pack-issued-to-another-server", otherAnswer.Body, StringComparison.Ordinal);
        Assert.Equal(1, await InstallationCountAsync(issued.KeyPackId));
        var installation = await factory.WithDbAsync(db => db.KeyPackInstallations.SingleAsync(i => i.KeyPackId == issued.KeyPackId));
        Assert.Equal(issued.LicenseServerId, installation.LicenseServerId);
    }

    [Fact]
    public async Task Swagger_DocumentsTheInstallEndpoint()
    {
        using var response = await _client.GetAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.ReadJsonAsync();
        var path = document.GetProperty("paths").GetProperty("/api/v1/license-servers/{licenseServerId}/key-pack-installations");
        var post = path.GetProperty("post");
        var responses = post.GetProperty("responses");
        foreach (var status in new[] { "200", "400", "404", "409", "410" })
        {
            Assert.True(responses.TryGetProperty(status, out _), $"response {status} is not documented");
        }

        Assert.True(post.TryGetProperty("requestBody", out _), "the request body is not documented");
        var description = post.GetProperty("description").GetString()!;
        foreach (var code in new[]
                 {
                     ErrorCodes.MalformedLicenseServerId, ErrorCodes.MalformedKeyPackId, ErrorCodes.KeyPackNotFound,
                     ErrorCodes.KeyPackIssuedToAnotherServer, ErrorCodes.CalVersionNewerThanServer,
                     ErrorCodes.LicenseServerReactivated, ErrorCodes.KeyPackMigrated,
                 })
        {
            Assert.Contains($"`{code}`", description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SwaggerUi_IsServed()
    {
        using var response = await _client.GetAsync(new Uri("/swagger/index.html", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    private static Uri InstallPath(string licenseServerId) =>
        new($"/api/v1/license-servers/{Uri.EscapeDataString(licenseServerId)}/key-pack-installations", UriKind.Relative);

    private Task<HttpResponseMessage> InstallAsync(string licenseServerId, string? keyPackId) =>
        _client.PostAsJsonAsync(InstallPath(licenseServerId), new { keyPackId });

    private Task<int> InstallationCountAsync(string keyPackId) =>
        factory.WithDbAsync(db => db.KeyPackInstallations.CountAsync(i => i.KeyPackId == keyPackId));

    /// <summary>A canonical ID as a person might type it.</summary>
    private static string Typed(string canonical, string style)
    {
        var grouped = IdFormat.KeyPackId.Format(canonical);
        return style switch
        {
            "lower case, grouped" => grouped.ToLowerInvariant(),
            "upper case, no hyphens" => canonical,
            "lower case, no hyphens" => canonical.ToLowerInvariant(),
            "spaces between groups" => grouped.Replace('-', ' '),
            "spaces around hyphens" => " " + grouped.Replace("-", " - ", StringComparison.Ordinal).ToLower(CultureInfo.InvariantCulture) + " ",
            _ => throw new ArgumentOutOfRangeException(nameof(style), style, null),
        };
    }

    /// <summary>The ID with the character at <paramref name="index"/> replaced by another of the issuing alphabet.</summary>
    private static string Substitute(string canonical, int index)
    {
        var id = canonical.ToCharArray();
        id[index] = IssuingAlphabet[(IssuingAlphabet.IndexOf(id[index], StringComparison.Ordinal) + 1) % IssuingAlphabet.Length];
        return new string(id);
    }

    [GeneratedRegex("^[BCDFGHJKMPQRTVWXY2346789]{5}(-[BCDFGHJKMPQRTVWXY2346789]{5}){6}$")]
    private static partial Regex GroupedId();
}

public sealed class KeyPackInstallationTestsOnSqlite(ClearinghouseFactory factory) : KeyPackInstallationTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class KeyPackInstallationTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory) : KeyPackInstallationTests<PostgreSqlClearinghouseFactory>(factory);
