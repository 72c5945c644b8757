using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Tests.Pages.ManageCals;

/// <summary>The result page and the receipt: what was issued is the record, and what to do with it next.</summary>
public abstract partial class ManageCalsResultTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private ManageCalsWizard NewWizard() => new(factory.CreatePageClient());

    [Fact]
    public async Task ResultAndReceipt_ShowTheKeyPackIssued_NotWhatTheRequestRowSaysLater()
    {
        var wizard = NewWizard();
        var serverId = KeyPacks.NewLicenseServerId();
        var agreement = KeyPacks.NewAgreementNumber();
        var result = await wizard.IssueAsync(serverId, agreement);
        var requestId = ManageCalsWizard.RequestIdOf(result);

        // Whatever changes the row behind the portal's back, the key pack is what the server installs.
        await factory.WithDbAsync(db => db.CalRequests.Where(r => r.Id == requestId).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.TargetLicenseServerId, KeyPacks.NewLicenseServerId())
            .SetProperty(r => r.Quantity, 99)
            .SetProperty(r => r.CalTypeCode, "rds-per-device")));

        var shown = IssuedRecord.Rows(await wizard.OpenAsync($"/manage-cals/{requestId}/result"));
        var receipt = await wizard.Client.GetStringAsync(new Uri($"/manage-cals/{requestId}/result/receipt", UriKind.Relative));
        foreach (var (label, issued) in new[]
                 {
                     ("Target License Server ID", IdFormat.LicenseServerId.Format(serverId)),
                     ("Quantity", "25"),
                     ("CAL type", "RDS Per User CAL"),
                     ("Product version", "Windows Server 2022"),
                     ("License Program", "Enterprise Agreement"),
                 })
        {
            Assert.Equal(issued, shown.GetValueOrDefault(label));
            Assert.Equal(issued, IssuedRecord.ReceiptValue(receipt, label));
        }

        // What the key pack does not hold comes from the request: who asked, why, under which purchase.
        Assert.Equal("Contoso Lab", shown.GetValueOrDefault("Company name"));
        Assert.Equal(agreement, IssuedRecord.ReceiptValue(receipt, "Enrollment number"));
        Assert.Equal(ManageCalsWizard.Replaced, IssuedRecord.ReceiptValue(receipt, "Reason for recovery"));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$", IssuedRecord.ReceiptValue(receipt, "Issued"));
    }

    [Fact]
    public async Task Receipt_WithControlAndBidiCharactersInTheRequest_KeepsEachValueOnItsOwnLineAndInert()
    {
        var hostile = new Dictionary<string, string>
        {
            ["Company name"] = "Contoso\r\nLicense key pack ID:     BCDFG-HJKMP",
            ["Last name or surname"] = "\u001b[2J\u001b[31mOkafor\u0007",
            ["City"] = "Wellington\u202Etxt.exe\u2066",
            ["Company address"] = "1 Main Street\u2028Floor 2\u0085Room 3",
        };
        var requestId = await IssueRequestAsync(r =>
        {
            r.CompanyName = hostile["Company name"];
            r.LastName = hostile["Last name or surname"];
            r.City = hostile["City"];
            r.StreetAddress = hostile["Company address"];
        });
        using var client = factory.CreatePageClient();

        var receipt = await client.GetStringAsync(new Uri($"/manage-cals/{requestId}/result/receipt", UriKind.Relative));

        var unsafeCharacters = receipt.Where(c => c != '\n' && (char.IsControl(c) || IsBidiControlOrSeparator(c))).ToList();
        Assert.True(unsafeCharacters.Count == 0,
            $"The receipt holds {string.Join(", ", unsafeCharacters.Select(c => $"U+{(int)c:X4}"))}.");
        Assert.Single(receipt.Split('\n'), line => line.StartsWith("License key pack ID:", StringComparison.Ordinal));
        Assert.Equal("Contoso\uFFFD\uFFFDLicense key pack ID:     BCDFG-HJKMP", IssuedRecord.ReceiptValue(receipt, "Company name"));
        Assert.Equal("\uFFFD[2J\uFFFD[31mOkafor\uFFFD", IssuedRecord.ReceiptValue(receipt, "Last name or surname"));
        Assert.Equal("Wellington\uFFFDtxt.exe\uFFFD", IssuedRecord.ReceiptValue(receipt, "City"));
        Assert.Equal("1 Main Street\uFFFDFloor 2\uFFFDRoom 3", IssuedRecord.ReceiptValue(receipt, "Company address"));
    }

    [Fact]
    public async Task Receipt_ListsSeveralLicenseCodesOneALineUnderTheValueColumn()
    {
        using var random = System.Security.Cryptography.RandomNumberGenerator.Create();
        var codes = new[] { IdFormat.RetailLicenseCode.Generate(random), IdFormat.RetailLicenseCode.Generate(random) };
        var requestId = await IssueRequestAsync(r =>
        {
            r.LicenseProgramCode = "license-pack";
            r.AgreementNumber = null;
            r.RetailLicenseCodes = string.Join('\n', codes);
        });
        using var client = factory.CreatePageClient();

        var receipt = await client.GetStringAsync(new Uri($"/manage-cals/{requestId}/result/receipt", UriKind.Relative));

        var lines = receipt.Split('\n');
        var first = Array.FindIndex(lines, line => line.StartsWith("License codes:", StringComparison.Ordinal));
        Assert.EndsWith(IdFormat.RetailLicenseCode.Format(codes[0]), lines[first], StringComparison.Ordinal);
        Assert.Equal(IdFormat.RetailLicenseCode.Format(codes[1]), lines[first + 1].Trim());
        Assert.Equal(lines[first].IndexOf(codes[0][..5], StringComparison.Ordinal), lines[first + 1].IndexOf(codes[1][..5], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Result_ShowsTheCommandThatInstallsTheKeyPackOnItsServerThroughTheApi()
    {
        var wizard = NewWizard();
        var serverId = KeyPacks.NewLicenseServerId();
        var result = await wizard.IssueAsync(serverId);
        var keyPackId = ManageCalsWizard.KeyPackIdOn(result);

        var command = result.Document.GetElementById("install-command")?.TextContent
            ?? throw new InvalidOperationException("The result page shows no install command.");

        var match = InstallCommand().Match(command);
        Assert.True(match.Success, command);
        var url = new Uri(match.Groups["url"].Value);
        Assert.Equal($"/api/v1/license-servers/{IdFormat.LicenseServerId.Format(serverId)}/key-pack-installations", url.AbsolutePath);
        Assert.Equal($$"""{"keyPackId": "{{keyPackId}}"}""", match.Groups["body"].Value);

        // Run it: what the page tells a person to send is what installs the key pack.
        using var api = factory.CreateClient();
        using var body = new StringContent(match.Groups["body"].Value, System.Text.Encoding.UTF8, "application/json");
        var install = await api.PostAsync(url, body);
        Assert.Equal(HttpStatusCode.OK, install.StatusCode);
        Assert.Equal(keyPackId, (await install.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("keyPackId").GetString());
    }

    [Fact]
    public async Task Result_MarksThePhoneNumberAsTheLabsPlaceholder()
    {
        var result = await NewWizard().IssueAsync(KeyPacks.NewLicenseServerId());

        var text = result.Document.Body!.TextContent;
        Assert.Contains("Call the clearinghouse for New Zealand: +64 555 0100", text, StringComparison.Ordinal);
        var note = result.Document.GetElementById("lab-phone-note")?.TextContent ?? "";
        Assert.Contains("lab's number for New Zealand", note, StringComparison.Ordinal);
        Assert.Contains("not a real clearinghouse line", note, StringComparison.Ordinal);
    }

    /// <summary>Stores a complete web request (changed by <paramref name="change"/>) and issues its key pack.</summary>
    private async Task<Guid> IssueRequestAsync(Action<CalRequest> change)
    {
        var now = DateTimeOffset.UtcNow;
        var request = new CalRequest
        {
            Id = Guid.NewGuid(),
            Channel = RequestChannel.Web,
            CreatedAt = now,
            UpdatedAt = now,
            TargetLicenseServerId = KeyPacks.NewLicenseServerId(),
            ReasonCode = "replaced",
            LicenseProgramCode = "enterprise-agreement",
            LastName = "Okafor",
            FirstName = "Ada",
            CompanyName = "Contoso Lab",
            CountryRegionCode = "NZ",
            AgreementNumber = KeyPacks.NewAgreementNumber(),
            ProductVersionCode = "windows-server-2022",
            CalTypeCode = "rds-per-user",
            Quantity = 25,
        };
        change(request);
        await factory.WithDbAsync(db =>
        {
            db.CalRequests.Add(request);
            return db.SaveChangesAsync();
        });
        await factory.WithServicesAsync(services => services.GetRequiredService<KeyPackIssuer>().IssueAsync(request.Id));
        return request.Id;
    }

    private static bool IsBidiControlOrSeparator(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')
            or '\u2028' or '\u2029';

    [GeneratedRegex("""^curl -s -X POST (?<url>\S+) \\\n\s+-H 'Content-Type: application/json' \\\n\s+-d '(?<body>[^']*)'$""")]
    private static partial Regex InstallCommand();
}

public sealed class ManageCalsResultTestsOnSqlite(ClearinghouseFactory factory) : ManageCalsResultTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class ManageCalsResultTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory) : ManageCalsResultTests<PostgreSqlClearinghouseFactory>(factory);
