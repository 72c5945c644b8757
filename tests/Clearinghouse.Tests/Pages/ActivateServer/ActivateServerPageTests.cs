using System.Net;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Pages.Flows;
using Clearinghouse.Tests.Pages.InstallCals;
using Clearinghouse.Tests.Pages.ManageCals;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Tests.Pages.ActivateServer;

/// <summary>
/// Activate a license server: Product ID and operating system, company information, review, and a new License Server
/// ID for a server registered with the CAL version its operating system accepts.
/// </summary>
public abstract class ActivateServerPageTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private LicenseServerWizard NewWizard() => new(factory.CreatePageClient());

    [Fact]
    public async Task Walk_RegistersTheServerWithItsVersion_AndShowsItsNewLicenseServerId()
    {
        var wizard = NewWizard();
        var productId = LicensingRequests.NewProductId();

        var start = await wizard.OpenAsync("/activate-server");
        Assert.Equal("Activate a license server: License server – Clearinghouse", start.Document.Title);
        Assert.Equal("License server", start.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(start.Document.QuerySelector("label[for='Input_ProductId']"));
        Assert.NotNull(start.Document.QuerySelector("label[for='Input_OperatingSystemCode']"));
        var typed = $"{productId[..5].ToLowerInvariant()} {productId[5..10]}-{productId[10..15]} - {productId[15..].ToLowerInvariant()}";
        var contact = await wizard.AcceptAsync(LicenseServerWizard.ActivationForm(start, typed, "Windows Server 2019"));
        var id = ManageCalsWizard.RequestIdOf(contact);
        Assert.Equal($"/activate-server/{id}/contact", contact.Address.AbsolutePath);
        Assert.Equal("Company information", contact.Document.QuerySelector("h1")!.TextContent.Trim());
        var review = await wizard.ContactAsync(contact);
        Assert.Equal($"/activate-server/{id}/review", review.Address.AbsolutePath);
        var rows = IssuedRecord.Rows(review);
        Assert.Equal(IdFormat.ProductId.Format(productId), rows["Product ID"]);
        Assert.Equal("Windows Server 2019", rows["Operating system"]);
        Assert.Equal("Contoso Lab", rows["Company name"]);
        Assert.Equal([$"/activate-server/{id}/request", $"/activate-server/{id}/contact"],
            review.Document.QuerySelectorAll(".summary__header a").Select(a => a.GetAttribute("href")));

        var result = await wizard.AcceptAsync(review.Form());

        Assert.Equal($"/activate-server/{id}/result", result.Address.AbsolutePath);
        Assert.Equal("Activate a license server: your License Server ID – Clearinghouse", result.Document.Title);
        Assert.Equal("Activate a license server · done", result.Document.QuerySelector(".caption")!.TextContent.Trim());
        var serverId = LicenseServerWizard.ServerIdOn(result);
        Assert.Equal(IdOrigin.IssuedHere, IdFormat.LicenseServerId.Parse(serverId).Origin);
        Assert.Matches("^([BCDFGHJKMPQRTVWXY2346789]{5}-){6}[BCDFGHJKMPQRTVWXY2346789]{5}$",
            result.Document.GetElementById("license-server-id")!.TextContent.Trim());
        Assert.Contains("Retain a copy of the License Server ID", result.Document.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(result.Document.QuerySelector("main a[href='/install-cals']"));
        Assert.NotNull(result.Document.QuerySelector("main a[href='/manage-cals']"));
        var shown = IssuedRecord.Rows(result);
        Assert.Equal("Windows Server 2019", shown["Accepts CALs up to"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$", shown["Issued"]);

        var server = await factory.WithDbAsync(db => db.LicenseServers.AsNoTracking().SingleAsync(s => s.Id == serverId));
        Assert.Equal((productId, "windows-server-2019", "windows-server-2019", true),
            (server.ProductId, server.OperatingSystemCode, server.ProductVersionCode, server.IssuedHere));
        Assert.NotNull(server.ActivatedAt);
        var stored = await factory.WithDbAsync(db => db.CalRequests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal((RequestKind.ActivateServer, serverId), (stored.Kind, stored.IssuedLicenseServerId));
    }

    [Fact]
    public async Task Receipt_IsPlainTextWithTheIdAndTheRequest()
    {
        var wizard = NewWizard();
        var productId = LicensingRequests.NewProductId();
        var result = await wizard.ActivateAsync(productId, "Windows Server 2022");
        var id = ManageCalsWizard.RequestIdOf(result);
        var link = result.Document.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Download receipt");
        Assert.Equal($"/activate-server/{id}/result/receipt", link.GetAttribute("href"));

        var response = await wizard.Client.GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative));
        var receipt = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        var serverId = LicenseServerWizard.ServerIdOn(result);
        Assert.Equal($"license-server-id-{serverId[..5]}.txt", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal(IdFormat.LicenseServerId.Format(serverId), IssuedRecord.ReceiptValue(receipt, "License Server ID"));
        Assert.Equal(IdFormat.ProductId.Format(productId), IssuedRecord.ReceiptValue(receipt, "Product ID"));
        Assert.Equal("Windows Server 2022", IssuedRecord.ReceiptValue(receipt, "Operating system"));
        Assert.Equal("Windows Server 2022", IssuedRecord.ReceiptValue(receipt, "Accepts CALs up to"));
        Assert.Equal("Contoso Lab", IssuedRecord.ReceiptValue(receipt, "Company name"));
        Assert.Contains("Retain a copy of the License Server ID", receipt, StringComparison.Ordinal);
        Assert.DoesNotContain(receipt, c => c != '\n' && char.IsControl(c));
    }

    [Fact]
    public async Task Receipt_WithControlAndBidiCharactersInTheRequest_KeepsEachValueOnItsOwnLineAndInert()
    {
        var request = LicensingRequests.Activation("windows-server-2016");
        request.CompanyName = "Contoso\r\nLicense Server ID:     BCDFG-HJKMP";
        request.City = "Wellington\u202Etxt.exe\u2066";
        await factory.SaveAsync(request);
        await factory.WithServicesAsync(services => services.GetRequiredService<ServerActivation>().ActivateAsync(request.Id));
        using var client = factory.CreatePageClient();

        var receipt = await client.GetStringAsync(new Uri($"/activate-server/{request.Id}/result/receipt", UriKind.Relative));

        Assert.DoesNotContain(receipt, c => c != '\n' && (char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069'));
        Assert.Single(receipt.Split('\n'), line => line.StartsWith("License Server ID:", StringComparison.Ordinal));
        Assert.Equal("Contoso\uFFFD\uFFFDLicense Server ID:     BCDFG-HJKMP", IssuedRecord.ReceiptValue(receipt, "Company name"));
    }

    [Theory]
    [InlineData("00490-9200-99454-AT527", "Group 2 of the Product ID has 4 characters; each group has 5.")]
    [InlineData("00490-92005-99454-AT52!", "The Product ID contains '!' in group 4 (character 5); it is made of letters and digits only.")]
    [InlineData("0049092005994", "The Product ID has 13 characters; it needs 20 (4 groups of 5).")]
    [InlineData("00490-92005-99454-AT527-00001", "The Product ID has 25 characters; it needs 20 (4 groups of 5).")]
    [InlineData("00490-92005-99454-ÄT527", "The Product ID contains 'Ä' in group 4 (character 1); it is made of letters and digits only.")]
    [InlineData("- - -", "Enter the Product ID.")]
    [InlineData("", "Enter the Product ID.")]
    public async Task Request_WithAMalformedProductId_IsRefusedNamingWhatIsWrong_AndSavesNothing(string productId, string message)
    {
        var wizard = NewWizard();
        var before = await RequestCountAsync();

        var refused = await wizard.RefuseAsync(LicenseServerWizard.ActivationForm(await wizard.OpenAsync("/activate-server"), productId));

        Assert.Equal([message], ManageCalsWizard.ErrorSummary(refused));
        Assert.Equal("#Input_ProductId", refused.Document.QuerySelector(".error-summary a")!.GetAttribute("href"));
        var input = refused.Document.GetElementById("Input_ProductId")!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Contains("Input_ProductId-error", input.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal(message, refused.Document.GetElementById("Input_ProductId-error")!.TextContent.Replace("Error:", "", StringComparison.Ordinal).Trim());
        Assert.Equal(productId, input.GetAttribute("value") ?? "");
        Assert.Equal(before, await RequestCountAsync());
    }

    [Fact]
    public async Task Request_WithoutAnOperatingSystem_IsRefused_AndSavesNothing()
    {
        var wizard = NewWizard();
        var before = await RequestCountAsync();
        var form = (await wizard.OpenAsync("/activate-server")).Form().Fill("Product ID", LicensingRequests.NewProductId());

        var refused = await wizard.RefuseAsync(form);

        Assert.Equal(["Choose the operating system the license server runs."], ManageCalsWizard.ErrorSummary(refused));
        Assert.Equal("#Input_OperatingSystemCode", refused.Document.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal("true", refused.Document.GetElementById("Input_OperatingSystemCode")!.GetAttribute("aria-invalid"));
        Assert.Equal(before, await RequestCountAsync());
    }

    [Theory]
    [InlineData("windows-nt-4")]
    [InlineData("windows-server-2003' OR '1'='1")]
    public async Task Request_WithAnOperatingSystemNotInTheCatalogue_IsRefusedAsNoneChosen_AndSavesNothing(string posted)
    {
        var wizard = NewWizard();
        var before = await RequestCountAsync();
        var form = (await wizard.OpenAsync("/activate-server")).Form().Fill("Product ID", LicensingRequests.NewProductId());

        // A browser only posts what the list offers; anyone can post something else.
        form.Element.QuerySelector("#Input_OperatingSystemCode")!.InnerHtml = $"<option value=\"{WebUtility.HtmlEncode(posted)}\" selected>x</option>";
        var refused = await wizard.RefuseAsync(form);

        Assert.Equal(["Choose the operating system the license server runs."], ManageCalsWizard.ErrorSummary(refused));
        Assert.Equal("#Input_OperatingSystemCode", refused.Document.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal("true", refused.Document.GetElementById("Input_OperatingSystemCode")!.GetAttribute("aria-invalid"));
        Assert.Equal(Catalogue.SourceOperatingSystems.Select(o => o.Code),
            refused.Document.QuerySelectorAll("#Input_OperatingSystemCode option").Select(o => o.GetAttribute("value")).Skip(1));
        Assert.Equal(before, await RequestCountAsync());
    }

    [Fact]
    public async Task Contact_WhenRequiredCompanyFieldsAreMissing_NamesEach_KeepsWhatWasTyped_AndSavesNone()
    {
        var wizard = NewWizard();
        var contact = await wizard.AcceptAsync(LicenseServerWizard.ActivationForm(await wizard.OpenAsync("/activate-server"), LicensingRequests.NewProductId()));
        var id = ManageCalsWizard.RequestIdOf(contact);

        var refused = await wizard.RefuseAsync(contact.Form()
            .Fill("First name or given name", "Ada")
            .Fill("E-mail", "not an address"));

        Assert.Equal(
            [
                "Enter your last name or surname.",
                "Enter the name of your company.",
                "Choose your country or region.",
                "Enter the e-mail address in the form name@example.com.",
            ],
            ManageCalsWizard.ErrorSummary(refused));
        Assert.Equal(
            ["#Input_LastName", "#Input_CompanyName", "#Input_CountryRegionCode", "#Input_Email"],
            refused.Document.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")));
        Assert.All(new[] { "Input_LastName", "Input_CompanyName", "Input_CountryRegionCode", "Input_Email" },
            field => Assert.Equal("true", refused.Document.GetElementById(field)!.GetAttribute("aria-invalid")));
        Assert.Equal($"/activate-server/{id}/contact", refused.Address.AbsolutePath);
        Assert.Equal("Company information", refused.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Ada", refused.Document.GetElementById("Input_FirstName")!.GetAttribute("value"));
        var stored = await factory.RequestAsync(id);
        Assert.Equal((null, null, null), (stored.FirstName, stored.CompanyName, stored.Email));

        // Nothing later can be reached until the step is complete.
        var review = await wizard.Client.GetAsync(new Uri($"/activate-server/{id}/review", UriKind.Relative));
        Assert.Equal($"/activate-server/{id}/contact", review.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Request_OffersEveryOperatingSystemOfTheCatalogue()
    {
        var page = await NewWizard().OpenAsync("/activate-server");

        var options = page.Document.QuerySelectorAll("#Input_OperatingSystemCode option").Select(o => o.GetAttribute("value")).Skip(1);

        Assert.Equal(Catalogue.SourceOperatingSystems.Select(o => o.Code), options);
    }

    [Fact]
    public async Task Submit_Twice_RegistersOneServer_AndBothLandOnTheSameResult()
    {
        var wizard = NewWizard();
        var productId = LicensingRequests.NewProductId();
        var review = await wizard.ActivationReviewAsync(productId);
        var id = ManageCalsWizard.RequestIdOf(review);

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => wizard.Client.SendAsync(review.Form().CreateRequest()))));
        var again = await review.Form().SubmitAsync();

        Assert.All(responses.Append(again), r => Assert.Equal((HttpStatusCode.Found, $"/activate-server/{id}/result"),
            (r.StatusCode, r.Headers.Location?.OriginalString)));
        var servers = await factory.WithDbAsync(db => db.LicenseServers.Where(s => s.ProductId == productId).Select(s => s.Id).ToListAsync());
        var server = Assert.Single(servers);
        Assert.Equal(server, LicenseServerWizard.ServerIdOn(await wizard.OpenAsync($"/activate-server/{id}/result")));
    }

    [Fact]
    public async Task Submit_AfterTheRequestChangedInAnotherTab_IssuesNothingAndSaysSo()
    {
        var wizard = NewWizard();
        var review = await wizard.ActivationReviewAsync(operatingSystem: "Windows Server 2016");
        var id = ManageCalsWizard.RequestIdOf(review);
        var otherTab = await wizard.OpenAsync($"/activate-server/{id}/request");
        await wizard.AcceptAsync(otherTab.Form().Fill("Operating system", "Windows Server 2025"));

        var response = await review.Form().SubmitAsync();

        Assert.Equal($"/activate-server/{id}/review?changed=true", response.Headers.Location!.OriginalString);
        var shown = await HtmlPage.FollowRedirectAsync(wizard.Client, response);
        Assert.NotNull(shown.Document.GetElementById("changed-notice"));
        Assert.Equal("Windows Server 2025", IssuedRecord.Rows(shown)["Operating system"]);
        Assert.Null((await factory.RequestAsync(id)).IssuedLicenseServerId);

        var result = await wizard.AcceptAsync(shown.Form());
        Assert.Equal("windows-server-2025", (await factory.ServerAsync(LicenseServerWizard.ServerIdOn(result))).ProductVersionCode);
    }

    [Fact]
    public async Task Steps_CannotBeSkipped_AndASubmittedRequestShowsOnlyItsResult()
    {
        var wizard = NewWizard();
        var contact = await wizard.AcceptAsync(LicenseServerWizard.ActivationForm(await wizard.OpenAsync("/activate-server"), LicensingRequests.NewProductId()));
        var id = ManageCalsWizard.RequestIdOf(contact);

        foreach (var step in new[] { "review", "result", "result/receipt" })
        {
            var page = await wizard.OpenAsync($"/activate-server/{id}/{step}");
            while (page.Response.StatusCode == HttpStatusCode.Found)
            {
                page = await HtmlPage.FollowRedirectAsync(wizard.Client, page.Response);
            }

            Assert.Equal($"/activate-server/{id}/contact", page.Address.AbsolutePath);
        }

        await wizard.AcceptAsync((await wizard.ContactAsync(contact)).Form());
        foreach (var step in new[] { "request", "contact", "review" })
        {
            var response = await wizard.Client.GetAsync(new Uri($"/activate-server/{id}/{step}", UriKind.Relative));
            Assert.Equal($"/activate-server/{id}/result", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task ADraft_SurvivesARestart_AndIsContinuedWhereItStood()
    {
        var wizard = NewWizard();
        var productId = LicensingRequests.NewProductId();
        var contact = await wizard.AcceptAsync(LicenseServerWizard.ActivationForm(await wizard.OpenAsync("/activate-server"), productId));
        var id = ManageCalsWizard.RequestIdOf(contact);

        using var restarted = factory.OnTheSameDatabase();
        var later = new LicenseServerWizard(restarted.CreatePageClient());
        var request = await later.OpenAsync($"/activate-server/{id}/request");
        Assert.Equal(IdFormat.ProductId.Format(productId), request.Document.GetElementById("Input_ProductId")!.GetAttribute("value"));
        Assert.Equal("windows-server-2019", request.Document.QuerySelector("#Input_OperatingSystemCode option[selected]")!.GetAttribute("value"));
        var review = await later.ContactAsync(await later.OpenAsync($"/activate-server/{id}/contact"));
        var result = await later.AcceptAsync(review.Form());

        Assert.Equal(productId, (await factory.ServerAsync(LicenseServerWizard.ServerIdOn(result))).ProductId);
    }

    [Fact]
    public async Task ActivationRequest_UnderAnotherFlowsAddress_IsNotFound()
    {
        var wizard = NewWizard();
        var id = ManageCalsWizard.RequestIdOf(await wizard.ActivationReviewAsync());

        foreach (var address in new[] { $"/reactivate-server/{id}/review", $"/manage-cals/{id}/contact", $"/install-cals/{id}/review" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await wizard.Client.GetAsync(new Uri(address, UriKind.Relative))).StatusCode);
        }
    }

    [Fact]
    public async Task ActivatedServer_IsRefusedCalsNewerThanItsVersion_AtTheProgramStepOfInstallCals()
    {
        var server = LicenseServerWizard.ServerIdOn(await NewWizard().ActivateAsync(operatingSystem: "Windows Server 2019"));
        var install = new InstallCalsWizard(factory.CreatePageClient());
        var program = await install.ContactAsync(await install.RequestAsync(await install.OpenAsync(), IdFormat.LicenseServerId.Format(server)));

        var refused = await install.RefuseAsync(program.Form()
            .Fill("Enrollment number", KeyPacks.NewAgreementNumber())
            .Fill("Product version", "Windows Server 2022")
            .Fill("CAL type", "RDS Per User CAL")
            .Fill("Quantity", "5"));

        StepRefusals.AssertRefusedOn(refused, "Input_ProductVersionCode",
            "Windows Server 2022 CALs cannot be installed on this license server: it runs Windows Server 2019, and a license server " +
            "accepts CALs of its own version or older. Choose Windows Server 2019 or earlier, or request the CALs for a license " +
            "server that runs Windows Server 2022 or later.");
        Assert.Equal(0, await factory.WithDbAsync(db => db.KeyPacks.CountAsync(k => k.LicenseServerId == server)));
    }

    [Fact]
    public async Task Pages_InGerman_ShowTheFlowInGerman()
    {
        var wizard = NewWizard();
        var result = await wizard.ActivateAsync();
        var id = ManageCalsWizard.RequestIdOf(result);

        var german = await wizard.OpenAsync($"/activate-server/{id}/result?lang=de");
        var start = await wizard.OpenAsync("/activate-server");

        Assert.Equal("Ihre Lizenzserver-ID", german.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Matches(@"^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2} UTC$", IssuedRecord.Rows(german)["Ausgestellt"]);
        Assert.Equal("Lizenzserver aktivieren: Lizenzserver – Clearinghouse", start.Document.Title);
        Assert.Equal("Produkt-ID", start.Document.QuerySelector("label[for='Input_ProductId']")!.TextContent.Trim());
        Assert.Equal(LicenseServerWizard.ServerIdOn(result), LicenseServerWizard.ServerIdOn(german));
    }

    private Task<int> RequestCountAsync() => factory.WithDbAsync(db => db.CalRequests.CountAsync(r => r.Kind == RequestKind.ActivateServer));
}

public sealed class ActivateServerPageTestsOnSqlite(ClearinghouseFactory factory) : ActivateServerPageTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class ActivateServerPageTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory) : ActivateServerPageTests<PostgreSqlClearinghouseFactory>(factory);
