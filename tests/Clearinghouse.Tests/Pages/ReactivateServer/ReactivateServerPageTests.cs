using System.Net;
using System.Net.Http.Json;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Licensing;
using Clearinghouse.Tests.Pages.ActivateServer;
using Clearinghouse.Tests.Pages.Flows;
using Clearinghouse.Tests.Pages.InstallCals;
using Clearinghouse.Tests.Pages.ManageCals;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using static Clearinghouse.Tests.Infrastructure.LicensingRequests;

namespace Clearinghouse.Tests.Pages.ReactivateServer;

/// <summary>
/// Reactivate a license server: its License Server ID and a reason, company information, review, and a new License
/// Server ID that its key packs follow, while the old ID is no longer accepted anywhere.
/// </summary>
public abstract class ReactivateServerPageTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private const string AlreadyReactivated = "This license server has already been reactivated: it was given a new License Server ID";

    /// <summary>How the CAL flows refuse an old ID (they ask for CALs, not to reactivate it).</summary>
    private const string ReactivatedSince =
        "This license server has been reactivated since: it was given a new License Server ID, and this one is no longer " +
        "accepted. Enter the License Server ID the license server shows now (in RD Licensing Manager, right-click the server, then Properties).";

    private LicenseServerWizard NewWizard() => new(factory.CreatePageClient());

    [Fact]
    public async Task Walk_GivesANewId_WhichTheKeyPacksFollow_WhileTheOldIdGets410()
    {
        var old = await factory.ActivateServerAsync("windows-server-2019");
        var installed = await factory.IssueAsync(Agreement(RequestKind.InstallCals, old.Id, KeyPacks.NewAgreementNumber(), 10, "windows-server-2019"));
        var notInstalled = await factory.IssueAsync(Agreement(RequestKind.InstallCals, old.Id, KeyPacks.NewAgreementNumber(), 3, "windows-server-2016", "rds-per-device"));
        using var api = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await InstallAsync(api, old.Id, installed.Id)).StatusCode);
        var wizard = NewWizard();

        var start = await wizard.OpenAsync("/reactivate-server");
        Assert.Equal("Reactivate a license server: License server – Clearinghouse", start.Document.Title);
        Assert.Equal(
            ["redeployed", "certificate-corrupt", "private-key-compromised", "activation-key-expired", "upgraded"],
            start.Document.QuerySelectorAll("#Input_ReasonCode option").Select(o => o.GetAttribute("value")).Skip(1));
        var contact = await wizard.AcceptAsync(LicenseServerWizard.ReactivationForm(start, old.Id.ToLowerInvariant(), "The license server has been upgraded"));
        var id = ManageCalsWizard.RequestIdOf(contact);
        var review = await wizard.ContactAsync(contact);
        var rows = IssuedRecord.Rows(review);
        Assert.Equal(IdFormat.LicenseServerId.Format(old.Id), rows["License Server ID"]);
        Assert.Equal("The license server has been upgraded", rows["Reason for reactivation"]);
        Assert.Null(review.Document.GetElementById("foreign-id-notice"));

        var result = await wizard.AcceptAsync(review.Form());

        Assert.Equal($"/reactivate-server/{id}/result", result.Address.AbsolutePath);
        Assert.Equal("Reactivate a license server · done", result.Document.QuerySelector(".caption")!.TextContent.Trim());
        var newId = LicenseServerWizard.ServerIdOn(result);
        Assert.NotEqual(old.Id, newId);
        var shown = IssuedRecord.Rows(result);
        Assert.Equal(IdFormat.LicenseServerId.Format(old.Id), shown["Previous License Server ID"]);
        Assert.Equal("Windows Server 2019", shown["Accepts CALs up to"]);
        Assert.Equal("10 × RDS Per User CAL, Windows Server 2019 (Enterprise Agreement)", shown[IdFormat.KeyPackId.Format(installed.Id)]);
        Assert.Equal("3 × RDS Per Device CAL, Windows Server 2016 (Enterprise Agreement)", shown[IdFormat.KeyPackId.Format(notInstalled.Id)]);
        Assert.Contains(IdFormat.LicenseServerId.Format(old.Id), result.Document.GetElementById("previous-refused")!.TextContent, StringComparison.Ordinal);
        var receipt = await wizard.Client.GetStringAsync(new Uri($"/reactivate-server/{id}/result/receipt", UriKind.Relative));
        Assert.Equal(IdFormat.LicenseServerId.Format(newId), IssuedRecord.ReceiptValue(receipt, "License Server ID"));
        Assert.Equal(IdFormat.LicenseServerId.Format(old.Id), IssuedRecord.ReceiptValue(receipt, "Previous License Server ID"));
        Assert.Equal("10 × RDS Per User CAL, Windows Server 2019 (Enterprise Agreement)", IssuedRecord.ReceiptValue(receipt, IdFormat.KeyPackId.Format(installed.Id)));

        // The key packs answer from the new ID, installed or not; the old ID is gone for good.
        Assert.Equal(newId, (await factory.KeyPackAsync(installed.Id)).Installation!.LicenseServerId);
        Assert.Equal(HttpStatusCode.OK, (await InstallAsync(api, newId, installed.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await InstallAsync(api, newId, notInstalled.Id)).StatusCode);
        var gone = await Problems.ReadAsync(await InstallAsync(api, old.Id, installed.Id), HttpStatusCode.Gone, ErrorCodes.LicenseServerReactivated);
        Assert.DoesNotContain(IdFormat.LicenseServerId.Format(newId), gone.Detail(), StringComparison.Ordinal);
        await Problems.ReadAsync(await InstallAsync(api, old.Id, notInstalled.Id), HttpStatusCode.Gone, ErrorCodes.LicenseServerReactivated);
        Assert.Equal((newId, "windows-server-2019"), ((await factory.ServerAsync(old.Id)).ReplacedById, (await factory.ServerAsync(newId)).ProductVersionCode));
    }

    [Fact]
    public async Task Result_ListsOnlyTheKeyPacksThatFollowed_NotThoseIssuedForTheNewIdLater()
    {
        var old = await factory.ActivateServerAsync();
        var before = await factory.IssueAsync(Agreement(RequestKind.InstallCals, old.Id, KeyPacks.NewAgreementNumber(), 2));
        var result = await NewWizard().ReactivateAsync(old.Id);
        var newId = LicenseServerWizard.ServerIdOn(result);

        var after = await factory.IssueAsync(Agreement(RequestKind.InstallCals, newId, KeyPacks.NewAgreementNumber(), 4));
        var again = IssuedRecord.Rows(await NewWizard().OpenAsync(result.Address.AbsolutePath));

        Assert.True(again.ContainsKey(IdFormat.KeyPackId.Format(before.Id)));
        Assert.False(again.ContainsKey(IdFormat.KeyPackId.Format(after.Id)));
    }

    [Fact]
    public async Task Result_LeavesOutKeyPacksWhoseCalsWereMigratedAwayBefore_AndReadsTheSameAfterLaterMigrations()
    {
        var old = await factory.ActivateServerAsync();
        var elsewhere = await factory.ActivateServerAsync();
        var (gone, stays, later) = (KeyPacks.NewAgreementNumber(), KeyPacks.NewAgreementNumber(), KeyPacks.NewAgreementNumber());
        var migratedBefore = await factory.IssueAsync(Agreement(RequestKind.InstallCals, old.Id, gone, 10));
        var kept = await factory.IssueAsync(Agreement(RequestKind.InstallCals, old.Id, stays, 5));
        var migratedAfter = await factory.IssueAsync(Agreement(RequestKind.InstallCals, old.Id, later, 3));
        await factory.IssueAsync(Agreement(RequestKind.ManageCals, elsewhere.Id, gone, 10));
        Assert.NotNull((await factory.KeyPackAsync(migratedBefore.Id)).MigratedToKeyPackId);

        var result = await NewWizard().ReactivateAsync(old.Id);
        await factory.IssueAsync(Agreement(RequestKind.ManageCals, elsewhere.Id, later, 3));
        var again = await NewWizard().OpenAsync(result.Address.AbsolutePath);

        foreach (var page in new[] { result, again })
        {
            var rows = IssuedRecord.Rows(page);
            Assert.False(rows.ContainsKey(IdFormat.KeyPackId.Format(migratedBefore.Id)), "A key pack migrated away before is listed as following.");
            Assert.True(rows.ContainsKey(IdFormat.KeyPackId.Format(kept.Id)));
            Assert.True(rows.ContainsKey(IdFormat.KeyPackId.Format(migratedAfter.Id)));
            Assert.StartsWith($"Key packs bound to {IdFormat.LicenseServerId.Format(old.Id)} before: 2.",
                page.Document.GetElementById("followed")!.TextContent.Trim(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Result_ForAServerWithoutKeyPacks_SaysNoneHadToFollow()
    {
        var old = await factory.ActivateServerAsync();

        var result = await NewWizard().ReactivateAsync(old.Id);

        Assert.Contains("No key packs were bound to", result.Document.GetElementById("followed")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_ForAServerAlreadyReactivated_IsRefusedAtTheStep_WithoutGivingTheNewId()
    {
        var old = await factory.ActivateServerAsync();
        var first = await factory.ReactivateAsync(old.Id);
        var wizard = NewWizard();
        var count = await RequestCountAsync();

        var refused = await wizard.RefuseAsync(LicenseServerWizard.ReactivationForm(await wizard.OpenAsync("/reactivate-server"), IdFormat.LicenseServerId.Format(old.Id)));

        var message = Assert.Single(ManageCalsWizard.ErrorSummary(refused));
        Assert.StartsWith(AlreadyReactivated, message, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Server!.Id, message.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("#Input_LicenseServerId", refused.Document.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal("true", refused.Document.GetElementById("Input_LicenseServerId")!.GetAttribute("aria-invalid"));
        Assert.Equal(count, await RequestCountAsync());
    }

    [Fact]
    public async Task Submit_ForAServerReactivatedSinceTheStep_IsRefusedOnTheReview_LinkingToTheStep()
    {
        var old = await factory.ActivateServerAsync();
        var wizard = NewWizard();
        var review = await wizard.ReactivationReviewAsync(old.Id);
        var id = ManageCalsWizard.RequestIdOf(review);
        await factory.ReactivateAsync(old.Id);

        var refused = await wizard.RefuseAsync(review.Form());

        Assert.StartsWith(AlreadyReactivated, Assert.Single(ManageCalsWizard.ErrorSummary(refused)), StringComparison.Ordinal);
        Assert.Equal($"/reactivate-server/{id}/request", refused.Document.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Null((await factory.RequestAsync(id)).IssuedLicenseServerId);
    }

    [Fact]
    public async Task Request_WithAForeignIdInTheIssuingAlphabet_AsksWhetherItWasCopied_ThenReactivatesIt()
    {
        var foreign = AlphabetOnlyIds.New(IdFormat.LicenseServerId);
        var wizard = NewWizard();
        var start = await wizard.OpenAsync("/reactivate-server");
        Assert.Null(start.Document.GetElementById("Input_LicenseServerIdIsCopied"));

        var refused = await wizard.RefuseAsync(LicenseServerWizard.ReactivationForm(start, IdFormat.LicenseServerId.Format(foreign)));

        Assert.StartsWith("Groups 1, 2, 3, 4, 5, 6 and 7 of the License Server ID do not check out.",
            Assert.Single(ManageCalsWizard.ErrorSummary(refused)), StringComparison.Ordinal);
        Assert.Contains("tick \"I copied this ID from the license server; use it as entered\"", ManageCalsWizard.ErrorSummary(refused)[0], StringComparison.Ordinal);
        Assert.Equal("Input_LicenseServerId-error", refused.Document.GetElementById("Input_LicenseServerIdIsCopied")!.GetAttribute("aria-describedby"));
        var contact = await wizard.AcceptAsync(refused.Form().Check(LicenseServerWizard.Copied));
        var id = ManageCalsWizard.RequestIdOf(contact);
        Assert.Equal("checked", (await wizard.OpenAsync($"/reactivate-server/{id}/request")).Document.GetElementById("Input_LicenseServerIdIsCopied")!.GetAttribute("checked"));
        var review = await wizard.ContactAsync(contact);
        Assert.Equal("Check the License Server ID", review.Document.GetElementById("foreign-id-notice")!.QuerySelector("h2")!.TextContent.Trim());

        var result = await wizard.AcceptAsync(review.Form());

        var recorded = await factory.ServerAsync(foreign);
        Assert.False(recorded.IssuedHere);
        Assert.Equal(LicenseServerWizard.ServerIdOn(result), recorded.ReplacedById);
        Assert.Null(result.Document.QuerySelector("main")!.QuerySelectorAll("dt").FirstOrDefault(dt => dt.TextContent.Trim() == "Accepts CALs up to"));
    }

    [Fact]
    public async Task Request_WithoutAReason_IsRefused_AndARecoveryReasonIsNoReactivationReason()
    {
        var server = await factory.ActivateServerAsync();
        var wizard = NewWizard();
        var form = (await wizard.OpenAsync("/reactivate-server")).Form().Fill("License Server ID", IdFormat.LicenseServerId.Format(server.Id));

        var refused = await wizard.RefuseAsync(form);
        var posted = refused.Form();
        posted.Element.QuerySelector("select")!.InnerHtml = "<option value=\"replaced\" selected>x</option>";
        var recovery = await wizard.RefuseAsync(posted);

        Assert.Equal(["Choose the reason for reactivating the license server."], ManageCalsWizard.ErrorSummary(refused));
        Assert.Equal(["Choose the reason for reactivating the license server."], ManageCalsWizard.ErrorSummary(recovery));
        Assert.Equal("true", refused.Document.GetElementById("Input_ReasonCode")!.GetAttribute("aria-invalid"));
    }

    [Theory]
    [InlineData("", "Enter the License Server ID.")]
    [InlineData("- - - - - -", "Enter the License Server ID.")]
    [InlineData("BCDFG-HJKMP", "The License Server ID has 10 characters; it needs 35 (7 groups of 5).")]
    [InlineData("BCDF-GHJKMP-QRTVW-XY234-6789B-CDFGH-JKMPQ", "Group 1 of the License Server ID has 4 characters; each group has 5.")]
    [InlineData("BCDFG-HJKMP-QRTVW-XY234-6789B-CDFGH-JKMP!",
        "The License Server ID contains '!' in group 7 (character 5); it is made of letters and digits only.")]
    public async Task Request_WithAMalformedId_IsRefusedNamingWhatIsWrong_WithoutAskingWhetherItWasCopied_AndSavesNothing(
        string serverId, string message)
    {
        var wizard = NewWizard();
        var count = await RequestCountAsync();

        var refused = await wizard.RefuseAsync(LicenseServerWizard.ReactivationForm(await wizard.OpenAsync("/reactivate-server"), serverId));

        Assert.Equal([message], ManageCalsWizard.ErrorSummary(refused));
        Assert.Equal("#Input_LicenseServerId", refused.Document.QuerySelector(".error-summary a")!.GetAttribute("href"));
        var input = refused.Document.GetElementById("Input_LicenseServerId")!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal(serverId, input.GetAttribute("value") ?? "");
        Assert.Null(refused.Document.GetElementById("Input_LicenseServerIdIsCopied"));
        Assert.Null(refused.Document.GetElementById("Input_ReasonCode")!.GetAttribute("aria-invalid"));
        Assert.Equal(count, await RequestCountAsync());
    }

    [Fact]
    public async Task Request_InLenientMode_WithAnIdThatChecksOutButIsUnknownHere_ReactivatesIt_AndRecordsTheOldIdAsReplaced()
    {
        var unknown = KeyPacks.NewLicenseServerId();
        var wizard = NewWizard();

        var result = await wizard.ReactivateAsync(unknown);

        var newId = LicenseServerWizard.ServerIdOn(result);
        var recorded = await factory.ServerAsync(unknown);
        Assert.Equal((newId, (DateTimeOffset?)null), (recorded.ReplacedById, recorded.ActivatedAt));
        Assert.Null((await factory.ServerAsync(newId)).ProductVersionCode);
        Assert.DoesNotContain("Accepts CALs up to", IssuedRecord.Rows(result).Keys);
        Assert.Contains("No key packs were bound to", result.Document.GetElementById("followed")!.TextContent, StringComparison.Ordinal);

        // Known now, as replaced: a second reactivation of the same ID is refused at the step.
        var again = await wizard.RefuseAsync(LicenseServerWizard.ReactivationForm(await wizard.OpenAsync("/reactivate-server"), IdFormat.LicenseServerId.Format(unknown)));
        Assert.StartsWith(AlreadyReactivated, Assert.Single(ManageCalsWizard.ErrorSummary(again)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_InLenientMode_WithAnIdOutsideTheIssuingAlphabet_TakesItAsForeignWithoutAsking()
    {
        // A real server's ID may hold letters and digits this clearinghouse never issues (0, 1, 5, vowels…): not ours.
        var foreign = "00A1E" + AlphabetOnlyIds.New(IdFormat.LicenseServerId)[5..];
        var wizard = NewWizard();

        var contact = await wizard.AcceptAsync(LicenseServerWizard.ReactivationForm(await wizard.OpenAsync("/reactivate-server"), IdFormat.LicenseServerId.Format(foreign)));
        var review = await wizard.ContactAsync(contact);
        Assert.NotNull(review.Document.GetElementById("foreign-id-notice"));
        var result = await wizard.AcceptAsync(review.Form());

        var recorded = await factory.ServerAsync(foreign);
        Assert.False(recorded.IssuedHere);
        Assert.Equal(LicenseServerWizard.ServerIdOn(result), recorded.ReplacedById);
        Assert.True((await factory.RequestAsync(ManageCalsWizard.RequestIdOf(result))).TargetLicenseServerIdIsForeign);
    }

    [Fact]
    public async Task InStrictMode_AnIdInTheIssuingAlphabetThatDoesNotCheckOut_IsATypingError_EvenIfPostedAsCopied()
    {
        using var strict = factory.Strict();
        var wizard = new LicenseServerWizard(strict.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClearinghouseFactory.SecureAddress }));
        var foreign = AlphabetOnlyIds.New(IdFormat.LicenseServerId);
        var start = await wizard.OpenAsync("/reactivate-server");
        var form = LicenseServerWizard.ReactivationForm(start, IdFormat.LicenseServerId.Format(foreign));

        // Strict mode never offers the check box; a post that carries it anyway changes nothing.
        var copied = start.Document.CreateElement("input");
        copied.SetAttribute("type", "hidden");
        copied.SetAttribute("name", "Input.LicenseServerIdIsCopied");
        copied.SetAttribute("value", "true");
        form.Element.AppendChild(copied);
        var refused = await wizard.RefuseAsync(form);

        Assert.Equal(
            ["Groups 1, 2, 3, 4, 5, 6 and 7 of the License Server ID do not check out: a character is mistyped or two are swapped. " +
                "Compare it character by character with the original."],
            ManageCalsWizard.ErrorSummary(refused));
        Assert.Null(refused.Document.GetElementById("Input_LicenseServerIdIsCopied"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.LicenseServers.CountAsync(s => s.Id == foreign)));
    }

    [Fact]
    public async Task InStrictMode_AnIdOutsideTheIssuingAlphabet_IsRefused_SayingOnlyIdsIssuedHereCount()
    {
        using var strict = factory.Strict();
        var wizard = new LicenseServerWizard(strict.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClearinghouseFactory.SecureAddress }));
        var foreign = "00A1E" + AlphabetOnlyIds.New(IdFormat.LicenseServerId)[5..];

        var refused = await wizard.RefuseAsync(LicenseServerWizard.ReactivationForm(await wizard.OpenAsync("/reactivate-server"), IdFormat.LicenseServerId.Format(foreign)));

        var message = Assert.Single(ManageCalsWizard.ErrorSummary(refused));
        Assert.StartsWith("Group 1 of the License Server ID contains '0' (character 1), which License Server IDs issued here never contain", message, StringComparison.Ordinal);
        Assert.EndsWith("In strict mode only License Server IDs issued here are accepted.", message, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.LicenseServers.CountAsync(s => s.Id == foreign)));
    }

    [Fact]
    public async Task Request_WithAMistypedId_NamesTheGroup()
    {
        var server = await factory.ActivateServerAsync();
        var mistyped = server.Id[..7] + (server.Id[7] == 'B' ? 'C' : 'B') + server.Id[8..];
        var wizard = NewWizard();

        var refused = await wizard.RefuseAsync(LicenseServerWizard.ReactivationForm(await wizard.OpenAsync("/reactivate-server"), mistyped));

        Assert.StartsWith("Group 2 of the License Server ID does not check out.", Assert.Single(ManageCalsWizard.ErrorSummary(refused)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_Twice_ReactivatesOnce_AndBothLandOnTheSameResult()
    {
        var old = await factory.ActivateServerAsync();
        var wizard = NewWizard();
        var review = await wizard.ReactivationReviewAsync(old.Id);
        var id = ManageCalsWizard.RequestIdOf(review);

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => wizard.Client.SendAsync(review.Form().CreateRequest()))));
        var again = await review.Form().SubmitAsync();

        Assert.All(responses.Append(again), r => Assert.Equal((HttpStatusCode.Found, $"/reactivate-server/{id}/result"),
            (r.StatusCode, r.Headers.Location?.OriginalString)));
        var successors = await factory.WithDbAsync(db => db.LicenseServers.CountAsync(s => s.ProductId == old.ProductId && s.Id != old.Id));
        Assert.Equal(1, successors);
        Assert.Equal((await factory.ServerAsync(old.Id)).ReplacedById, LicenseServerWizard.ServerIdOn(await wizard.OpenAsync($"/reactivate-server/{id}/result")));
    }

    [Fact]
    public async Task OldId_AfterReactivation_IsRefusedByManageCals_AtItsFirstStep_WithoutGivingTheNewId()
    {
        var old = await factory.ActivateServerAsync();
        var newId = LicenseServerWizard.ServerIdOn(await NewWizard().ReactivateAsync(old.Id));
        var manage = new ManageCalsWizard(factory.CreatePageClient());
        var count = await factory.WithDbAsync(db => db.CalRequests.CountAsync());

        var refused = await manage.RefuseAsync((await manage.OpenAsync()).Form()
            .Fill("Target License Server ID", IdFormat.LicenseServerId.Format(old.Id))
            .Fill("Reason for recovery", ManageCalsWizard.Replaced)
            .Fill("License Program", "Enterprise Agreement"));

        StepRefusals.AssertRefusedOn(refused, "Input_TargetLicenseServerId", ReactivatedSince);
        Assert.DoesNotContain(IdFormat.LicenseServerId.Format(newId), refused.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(count, await factory.WithDbAsync(db => db.CalRequests.CountAsync()));
    }

    [Fact]
    public async Task OldId_AfterReactivation_IsRefusedByInstallCals_AtItsFirstStep_WithoutGivingTheNewId()
    {
        var old = await factory.ActivateServerAsync();
        var newId = LicenseServerWizard.ServerIdOn(await NewWizard().ReactivateAsync(old.Id));
        var install = new InstallCalsWizard(factory.CreatePageClient());
        var count = await factory.WithDbAsync(db => db.CalRequests.CountAsync());

        var refused = await install.RefuseAsync((await install.OpenAsync()).Form()
            .Fill("License Server ID", IdFormat.LicenseServerId.Format(old.Id))
            .Fill("License Program", "Enterprise Agreement"));

        StepRefusals.AssertRefusedOn(refused, "Input_LicenseServerId", ReactivatedSince);
        Assert.DoesNotContain(IdFormat.LicenseServerId.Format(newId), refused.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(count, await factory.WithDbAsync(db => db.CalRequests.CountAsync()));
    }

    [Fact]
    public async Task InStrictMode_AServerNotActivatedHere_IsRefusedAtTheStep()
    {
        using var strict = factory.Strict();
        var wizard = new LicenseServerWizard(strict.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClearinghouseFactory.SecureAddress }));

        var refused = await wizard.RefuseAsync(LicenseServerWizard.ReactivationForm(await wizard.OpenAsync("/reactivate-server"),
            IdFormat.LicenseServerId.Format(KeyPacks.NewLicenseServerId())));

        Assert.StartsWith("No license server with this License Server ID was activated here.", Assert.Single(ManageCalsWizard.ErrorSummary(refused)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReactivationRequest_UnderAnotherFlowsAddress_IsNotFound()
    {
        var old = await factory.ActivateServerAsync();
        var wizard = NewWizard();
        var id = ManageCalsWizard.RequestIdOf(await wizard.ReactivationReviewAsync(old.Id));

        foreach (var address in new[] { $"/activate-server/{id}/review", $"/activate-server/{id}/result", $"/manage-cals/{id}/contact" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await wizard.Client.GetAsync(new Uri(address, UriKind.Relative))).StatusCode);
        }
    }

    private static Task<HttpResponseMessage> InstallAsync(HttpClient api, string serverId, string keyPackId) =>
        api.PostAsJsonAsync($"/api/v1/license-servers/{IdFormat.LicenseServerId.Format(serverId)}/key-pack-installations", new { keyPackId });

    private Task<int> RequestCountAsync() => factory.WithDbAsync(db => db.CalRequests.CountAsync(r => r.Kind == RequestKind.ReactivateServer));
}

public sealed class ReactivateServerPageTestsOnSqlite(ClearinghouseFactory factory) : ReactivateServerPageTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class ReactivateServerPageTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory) : ReactivateServerPageTests<PostgreSqlClearinghouseFactory>(factory);
