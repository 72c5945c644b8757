using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Licensing;
using Clearinghouse.Tests.Pages.ManageCals;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Pages.InstallCals;

/// <summary>
/// Install client access licenses: the second flow on the shared mechanism. The same data as Manage CALs but no reason
/// for recovery, and a key pack issued for a first installation.
/// </summary>
public abstract class InstallCalsPageTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private InstallCalsWizard NewWizard() => new(factory.CreatePageClient());

    [Fact]
    public async Task Walk_IssuesAKeyPackForAFirstInstallationThatTheServerCanInstall()
    {
        var wizard = NewWizard();
        var serverId = KeyPacks.NewLicenseServerId();

        var start = await wizard.OpenAsync();
        Assert.Equal("Request", start.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Null(start.Document.QuerySelector("label[for='Input_ReasonCode']"));
        var contact = await wizard.RequestAsync(start, serverId.ToLowerInvariant());
        Assert.Equal($"/install-cals/{ManageCalsWizard.RequestIdOf(contact)}/contact", contact.Address.AbsolutePath);
        var program = await wizard.ContactAsync(contact);
        Assert.Equal("program", ManageCalsWizard.Step(program));
        var agreement = KeyPacks.NewAgreementNumber();
        var review = await wizard.AgreementAsync(program, quantity: "40", agreement: agreement);
        Assert.Equal("review", ManageCalsWizard.Step(review));
        var rows = IssuedRecord.Rows(review);
        Assert.Equal(IdFormat.LicenseServerId.Format(serverId), rows["License Server ID"]);
        Assert.False(rows.ContainsKey("Reason for recovery"));

        var result = await wizard.AcceptAsync(review.Form());

        Assert.Equal("result", ManageCalsWizard.Step(result));
        Assert.Equal("Install client access licenses · done", result.Document.QuerySelector(".caption")!.TextContent.Trim());
        Assert.Equal("Install client access licenses: your license key pack ID – Clearinghouse", result.Document.Title);
        Assert.NotNull(result.Document.QuerySelector("a[href='/install-cals']"));
        var keyPackId = ManageCalsWizard.KeyPackIdOn(result);
        var requestId = ManageCalsWizard.RequestIdOf(result);
        var stored = await factory.WithDbAsync(db => db.CalRequests.Include(r => r.KeyPack).SingleAsync(r => r.Id == requestId));
        Assert.Equal((RequestKind.InstallCals, null, agreement), (stored.Kind, stored.ReasonCode, stored.AgreementNumber));
        Assert.Equal((IdFormat.KeyPackId.Parse(keyPackId).Value, serverId, KeyPackPurpose.Install, 40),
            (stored.KeyPack!.Id, stored.KeyPack.LicenseServerId, stored.KeyPack.Purpose, stored.KeyPack.Quantity));

        using var api = factory.CreateClient();
        var install = await api.PostAsJsonAsync($"/api/v1/license-servers/{serverId}/key-pack-installations", new { keyPackId });
        Assert.Equal(HttpStatusCode.OK, install.StatusCode);
        Assert.Equal(40, (await install.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Receipt_SaysWhatWasIssuedForWhichServer_AndNoReason()
    {
        var wizard = NewWizard();
        var serverId = KeyPacks.NewLicenseServerId();
        var agreement = KeyPacks.NewAgreementNumber();
        var result = await wizard.IssueAsync(serverId, agreement);
        var link = result.Document.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Download receipt");
        Assert.Equal($"/install-cals/{ManageCalsWizard.RequestIdOf(result)}/result/receipt", link.GetAttribute("href"));

        var receipt = await wizard.Client.GetStringAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative));

        Assert.Equal(ManageCalsWizard.KeyPackIdOn(result), IssuedRecord.ReceiptValue(receipt, "License key pack ID"));
        Assert.Equal(IdFormat.LicenseServerId.Format(serverId), IssuedRecord.ReceiptValue(receipt, "License Server ID"));
        Assert.Equal(agreement, IssuedRecord.ReceiptValue(receipt, "Enrollment number"));
        Assert.DoesNotContain("Reason", receipt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_ChangeLinks_StayInTheFlow()
    {
        var wizard = NewWizard();
        var review = await wizard.UpToReviewAsync(KeyPacks.NewLicenseServerId());
        var id = ManageCalsWizard.RequestIdOf(review);

        var changes = review.Document.QuerySelectorAll(".summary__header a").Select(a => a.GetAttribute("href")).ToList();
        var contact = await wizard.OpenAsync($"/install-cals/{id}/contact");
        var back = await wizard.AcceptAsync(contact.Form().Fill("Company name", "Fabrikam"));

        Assert.Equal([$"/install-cals/{id}/request", $"/install-cals/{id}/contact", $"/install-cals/{id}/program"], changes);
        Assert.Equal($"/install-cals/{id}/review", back.Address.AbsolutePath);
        Assert.Equal($"/install-cals/{id}/request", contact.Document.QuerySelectorAll("form a").Single(a => a.TextContent.Trim() == "Back").GetAttribute("href"));
    }

    [Fact]
    public async Task Request_WithAServerIdThatDoesNotCheckOut_AsksWhetherItWasCopiedAndTakesItOnceConfirmed()
    {
        var wizard = NewWizard();
        var foreign = AlphabetOnlyIds.New(IdFormat.LicenseServerId);
        var copied = "I copied this ID from the license server; use it as entered";

        var refused = await wizard.RefuseAsync((await wizard.OpenAsync()).Form()
            .Fill("License Server ID", foreign)
            .Fill("License Program", "Enterprise Agreement"));

        Assert.StartsWith("Groups 1, 2, 3, 4, 5, 6 and 7 of the License Server ID do not check out.",
            Assert.Single(ManageCalsWizard.ErrorSummary(refused)), StringComparison.Ordinal);
        Assert.Equal("#Input_LicenseServerId", refused.Document.QuerySelector(".error-summary a")!.GetAttribute("href"));
        var contact = await wizard.AcceptAsync(refused.Form().Check(copied));
        var review = await wizard.AgreementAsync(await wizard.ContactAsync(contact));
        Assert.Equal("Check the License Server ID", review.Document.GetElementById("foreign-id-notice")!.QuerySelector("h2")!.TextContent.Trim());
    }

    [Fact]
    public async Task Program_ForALicensePack_TakesSeveralCodesThroughAddAnotherCode()
    {
        var wizard = NewWizard();
        var program = await wizard.ContactAsync(await wizard.RequestAsync(await wizard.OpenAsync(), KeyPacks.NewLicenseServerId(), "License Pack (Retail Purchase)"));
        using var random = System.Security.Cryptography.RandomNumberGenerator.Create();
        var codes = new[] { IdFormat.RetailLicenseCode.Generate(random), IdFormat.RetailLicenseCode.Generate(random) };

        var review = await wizard.AcceptAsync((await wizard.FillLicenseCodesAsync(program, codes))
            .Fill("Product version", "Windows Server 2019")
            .Fill("CAL type", "RDS Per Device CAL")
            .Fill("Quantity", "5"));

        var id = ManageCalsWizard.RequestIdOf(review);
        Assert.Equal($"/install-cals/{id}/review", review.Address.AbsolutePath);
        Assert.Equal(string.Join('\n', codes), await factory.WithDbAsync(db => db.CalRequests.Where(r => r.Id == id).Select(r => r.RetailLicenseCodes).SingleAsync()));
    }

    [Fact]
    public async Task Steps_CannotBeSkipped_AndASubmittedRequestShowsOnlyItsResult()
    {
        var wizard = NewWizard();
        var contact = await wizard.RequestAsync(await wizard.OpenAsync(), KeyPacks.NewLicenseServerId());
        var id = ManageCalsWizard.RequestIdOf(contact);

        foreach (var step in new[] { "program", "review", "result" })
        {
            var page = await wizard.OpenAsync($"/install-cals/{id}/{step}");
            while (page.Response.StatusCode == HttpStatusCode.Found)
            {
                page = await HtmlPage.FollowRedirectAsync(wizard.Client, page.Response);
            }

            Assert.Equal($"/install-cals/{id}/contact", page.Address.AbsolutePath);
        }

        await wizard.AcceptAsync((await wizard.AgreementAsync(await wizard.ContactAsync(contact))).Form());
        foreach (var step in new[] { "request", "contact", "program", "review" })
        {
            var response = await wizard.Client.GetAsync(new Uri($"/install-cals/{id}/{step}", UriKind.Relative));
            Assert.Equal($"/install-cals/{id}/result", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task SelectOption_LeadsToInstallCals()
    {
        using var client = factory.CreatePageClient();

        var home = await HtmlPage.GetAsync(client, "/");

        var link = home.Document.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Install client access licenses");
        var start = await HtmlPage.GetAsync(client, link.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, start.Response.StatusCode);
        Assert.Equal("Install client access licenses: Request – Clearinghouse", start.Document.Title);
        Assert.NotNull(start.Document.QuerySelector("label[for='Input_LicenseServerId']"));
    }
}

public sealed class InstallCalsPageTestsOnSqlite(ClearinghouseFactory factory) : InstallCalsPageTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class InstallCalsPageTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory) : InstallCalsPageTests<PostgreSqlClearinghouseFactory>(factory);
