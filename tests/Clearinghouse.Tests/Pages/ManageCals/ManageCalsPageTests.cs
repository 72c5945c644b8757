using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Pages.ManageCals;

public abstract class ManageCalsPageTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private ManageCalsWizard NewWizard() => new(factory.CreatePageClient());

    [Fact]
    public async Task Walk_IssuesAKeyPackThatTheTargetServerCanInstall()
    {
        var wizard = NewWizard();
        var serverId = KeyPacks.NewLicenseServerId();

        // Pasted in lower case without hyphens: one field takes the ID as it comes.
        var contact = await wizard.RequestAsync(await wizard.OpenAsync(), serverId.ToLowerInvariant());
        Assert.Equal("contact", ManageCalsWizard.Step(contact));
        var program = await wizard.ContactAsync(contact);
        Assert.Equal("program", ManageCalsWizard.Step(program));
        var review = await wizard.AgreementAsync(program, quantity: "1,250");
        Assert.Equal("review", ManageCalsWizard.Step(review));

        var shown = review.Document.QuerySelector("main")!.TextContent;
        Assert.Contains(IdFormat.LicenseServerId.Format(serverId), shown, StringComparison.Ordinal);
        Assert.Contains(ManageCalsWizard.Replaced, shown, StringComparison.Ordinal);
        Assert.Contains("Contoso Lab", shown, StringComparison.Ordinal);
        Assert.Contains("New Zealand", shown, StringComparison.Ordinal);
        Assert.Contains("RDS Per User CAL", shown, StringComparison.Ordinal);
        Assert.Contains("1,250", shown, StringComparison.Ordinal);
        Assert.Null(review.Document.GetElementById("foreign-id-notice"));

        var result = await wizard.AcceptAsync(review.Form());
        Assert.Equal("result", ManageCalsWizard.Step(result));
        var keyPackId = ManageCalsWizard.KeyPackIdOn(result);
        Assert.Matches("^[BCDFGHJKMPQRTVWXY2346789]{5}(-[BCDFGHJKMPQRTVWXY2346789]{5}){6}$", keyPackId);
        Assert.Contains("Retain a copy of the license key pack ID", result.Document.Body!.TextContent, StringComparison.Ordinal);

        using var api = factory.CreateClient();
        var install = await api.PostAsJsonAsync(
            $"/api/v1/license-servers/{serverId}/key-pack-installations", new { keyPackId });
        Assert.Equal(HttpStatusCode.OK, install.StatusCode);
        var contents = await install.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(keyPackId, contents.GetProperty("keyPackId").GetString());
        Assert.Equal(1250, contents.GetProperty("quantity").GetInt32());
        Assert.Equal("enterprise-agreement", contents.GetProperty("licenseProgram").GetString());
    }

    [Fact]
    public async Task Submit_StoresWhatWasIssuedWithTheRequestsDetails()
    {
        var wizard = NewWizard();
        var serverId = KeyPacks.NewLicenseServerId();
        var agreement = KeyPacks.NewAgreementNumber();

        var result = await wizard.IssueAsync(serverId, agreement);

        var canonical = IdFormat.KeyPackId.Parse(ManageCalsWizard.KeyPackIdOn(result)).Value;
        var stored = await factory.WithDbAsync(db => db.KeyPacks.Include(k => k.Request).SingleAsync(k => k.Id == canonical));
        Assert.Equal(serverId, stored.LicenseServerId);
        Assert.Equal(RequestChannel.Web, stored.Channel);
        Assert.Equal(("enterprise-agreement", "windows-server-2022", "rds-per-user", 25),
            (stored.LicenseProgramCode, stored.ProductVersionCode, stored.CalTypeCode, stored.Quantity));
        Assert.Equal(agreement, stored.Request!.AgreementNumber);
        Assert.Equal("replaced", stored.Request.ReasonCode);
        Assert.Equal(("Okafor", "Ada", "Contoso Lab", "NZ", "ada.okafor@contoso.example"),
            (stored.Request.LastName, stored.Request.FirstName, stored.Request.CompanyName, stored.Request.CountryRegionCode, stored.Request.Email));
        Assert.Equal(stored.IssuedAt, stored.Request.SubmittedAt);
        Assert.InRange(stored.IssuedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow);
        var server = await factory.WithDbAsync(db => db.LicenseServers.SingleAsync(s => s.Id == serverId));
        Assert.True(server.IssuedHere);
    }

    [Fact]
    public async Task Request_WhenTheServerIdHasAMistypedGroup_SaysWhichGroupNextToTheFieldAndSavesNothing()
    {
        var wizard = NewWizard();
        var id = KeyPacks.NewLicenseServerId().ToCharArray();
        id[22] = id[22] == 'B' ? 'C' : 'B'; // group 5
        var before = await factory.WithDbAsync(db => db.CalRequests.CountAsync());

        var page = await wizard.RefuseAsync((await wizard.OpenAsync()).Form()
            .Fill("Target License Server ID", new string(id))
            .Fill("Reason for recovery", ManageCalsWizard.Replaced)
            .Fill("License Program", "Select License"));

        var message = page.Document.GetElementById("Input_TargetLicenseServerId-error")!.TextContent;
        Assert.Contains("Group 5 of the Target License Server ID does not check out", message, StringComparison.Ordinal);
        var field = page.Document.GetElementById("Input_TargetLicenseServerId")!;
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Contains("Input_TargetLicenseServerId-error", field.GetAttribute("aria-describedby")!, StringComparison.Ordinal);
        Assert.Equal(new string(id), field.GetAttribute("value"));
        var summary = Assert.Single(ManageCalsWizard.ErrorSummary(page));
        Assert.StartsWith("Group 5", summary, StringComparison.Ordinal);
        Assert.Equal("#Input_TargetLicenseServerId", page.Document.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal(before, await factory.WithDbAsync(db => db.CalRequests.CountAsync()));
    }

    [Fact]
    public async Task Contact_WhenRequiredFieldsAreMissing_NamesEachAndKeepsWhatWasTyped()
    {
        var wizard = NewWizard();
        var contact = await wizard.RequestAsync(await wizard.OpenAsync(), KeyPacks.NewLicenseServerId());

        var page = await wizard.RefuseAsync(contact.Form()
            .Fill("First name or given name", "Ada")
            .Fill("E-mail", "not an address"));

        Assert.Equal(
            [
                "Enter your last name or surname.",
                "Enter the name of your company.",
                "Choose your country or region.",
                "Enter the e-mail address in the form name@example.com.",
            ],
            ManageCalsWizard.ErrorSummary(page));
        Assert.Equal("Ada", page.Document.GetElementById("Input_FirstName")!.GetAttribute("value"));
        Assert.Equal("contact", ManageCalsWizard.Step(page));
    }

    /// <summary>The country list is rendered from a cached list per language: the one chosen stays chosen on a refusal.</summary>
    [Fact]
    public async Task Contact_WhenRefused_KeepsTheCountryOrRegionChosen()
    {
        var wizard = NewWizard();
        var contact = await wizard.RequestAsync(await wizard.OpenAsync(), KeyPacks.NewLicenseServerId());

        var page = await wizard.RefuseAsync(contact.Form().Fill("First name or given name", "Ada").Fill("Country/region", "NZ"));

        Assert.DoesNotContain("Choose your country or region.", ManageCalsWizard.ErrorSummary(page));
        Assert.Equal("NZ", SelectedValue(page, "Input_CountryRegionCode"));
        Assert.Single(page.Document.QuerySelectorAll("#Input_CountryRegionCode option[selected]"));
    }

    [Fact]
    public async Task Program_WhenTheCalTypeIsNotSoldForTheVersion_IsRefusedWithTheChoices()
    {
        var wizard = NewWizard();
        var program = await wizard.ContactAsync(await wizard.RequestAsync(await wizard.OpenAsync(), KeyPacks.NewLicenseServerId()));

        var page = await wizard.RefuseAsync(program.Form()
            .Fill("Enrollment number", "123456")
            .Fill("Product version", "Windows Server 2008 R2 and earlier")
            .Fill("CAL type", "RDS Per Device CAL")
            .Fill("Quantity", "10000"));

        Assert.Equal(
            [
                "The enrollment number has 6 digits; it needs 7.",
                "RDS Per Device CAL is not sold for Windows Server 2008 R2 and earlier. Choose TS/RDS Per Device CAL, " +
                "TS/RDS Per User CAL, VDI Standard, VDI Premium or VDI Suite.",
                "The quantity must be from 1 to 9,999 CALs per key pack.",
            ],
            ManageCalsWizard.ErrorSummary(page));
    }

    [Fact]
    public async Task Program_ForALicensePack_TakesSeveralLicenseCodes()
    {
        var wizard = NewWizard();
        var contact = await wizard.RequestAsync(await wizard.OpenAsync(), KeyPacks.NewLicenseServerId(), "License Pack (Retail Purchase)");
        var program = await wizard.ContactAsync(contact);
        var codes = new[] { NewRetailCode(), NewRetailCode() };

        var review = await wizard.AcceptAsync((await wizard.FillLicenseCodesAsync(program, codes[0].ToLowerInvariant(), IdFormat.RetailLicenseCode.Format(codes[1])))
            .Fill("Product version", "Windows Server 2025")
            .Fill("CAL type", "VDI Suite")
            .Fill("Quantity", "5"));

        var shown = review.Document.QuerySelector("main")!.TextContent;
        Assert.Contains(IdFormat.RetailLicenseCode.Format(codes[0]), shown, StringComparison.Ordinal);
        Assert.Contains(IdFormat.RetailLicenseCode.Format(codes[1]), shown, StringComparison.Ordinal);
        var requestId = ManageCalsWizard.RequestIdOf(review);
        var stored = await factory.WithDbAsync(db => db.CalRequests.SingleAsync(r => r.Id == requestId));
        Assert.Equal($"{codes[0]}\n{codes[1]}", stored.RetailLicenseCodes);
    }

    [Fact]
    public async Task Program_ForAnOpenLicense_TakesLicenseAndAuthorizationNumbers()
    {
        var wizard = NewWizard();
        var contact = await wizard.RequestAsync(await wizard.OpenAsync(), KeyPacks.NewLicenseServerId(), "Open License");
        var program = await wizard.ContactAsync(contact);

        var review = await wizard.AcceptAsync(program.Form()
            .Fill("License number", "8765 4321")
            .Fill("Authorization number", "abcde-12345-fghij")
            .Fill("Product version", "Windows Server 2016")
            .Fill("CAL type", "RDS Per Device CAL")
            .Fill("Quantity", "40"));

        var result = await wizard.AcceptAsync(review.Form());
        var keyPackId = IdFormat.KeyPackId.Parse(ManageCalsWizard.KeyPackIdOn(result)).Value;
        var request = await factory.WithDbAsync(db => db.KeyPacks.Where(k => k.Id == keyPackId).Select(k => k.Request!).SingleAsync());
        Assert.Equal(("87654321", "ABCDE12345FGHIJ"), (request.OpenLicenseNumber, request.OpenLicenseAuthorizationNumber));
    }

    [Fact]
    public async Task Review_WhenTheServerIdWasNotIssuedHere_AsksToCheckIt()
    {
        var wizard = NewWizard();

        var review = await wizard.UpToReviewAsync("12345-67890-abcde-fghij-klmno-pqrst-uvwxy");

        var notice = review.Document.GetElementById("foreign-id-notice");
        Assert.NotNull(notice);
        Assert.Contains("was not issued here", notice.TextContent, StringComparison.Ordinal);
        Assert.Contains("12345-67890-ABCDE-FGHIJ-KLMNO-PQRST-UVWXY", review.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var result = await wizard.AcceptAsync(review.Form());
        var server = await factory.WithDbAsync(db => db.LicenseServers.SingleAsync(s => s.Id == "1234567890ABCDEFGHIJKLMNOPQRSTUVWXY"));
        Assert.False(server.IssuedHere);
        Assert.Equal("result", ManageCalsWizard.Step(result));
    }

    [Fact]
    public async Task Submit_Twice_IssuesOneKeyPack()
    {
        var wizard = NewWizard();
        var review = await wizard.UpToReviewAsync(KeyPacks.NewLicenseServerId());
        var form = review.Form();

        var first = await wizard.AcceptAsync(form);
        var second = await wizard.AcceptAsync(form); // the back button, then Submit again

        Assert.Equal(ManageCalsWizard.KeyPackIdOn(first), ManageCalsWizard.KeyPackIdOn(second));
        var requestId = ManageCalsWizard.RequestIdOf(review);
        Assert.Equal(1, await factory.WithDbAsync(db => db.KeyPacks.CountAsync(k => k.RequestId == requestId)));
    }

    [Fact]
    public async Task Submit_ManyTimesAtOnce_IssuesOneKeyPack()
    {
        var wizard = NewWizard();
        var review = await wizard.UpToReviewAsync(KeyPacks.NewLicenseServerId());
        var form = review.Form();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => form.SubmitAsync()));

        var requestId = ManageCalsWizard.RequestIdOf(review);
        Assert.All(responses, r =>
        {
            Assert.Equal(HttpStatusCode.Found, r.StatusCode);
            Assert.Equal($"/manage-cals/{requestId}/result", r.Headers.Location!.OriginalString);
        });
        Assert.Equal(1, await factory.WithDbAsync(db => db.KeyPacks.CountAsync(k => k.RequestId == requestId)));
    }

    [Fact]
    public async Task Steps_AfterSubmission_ShowTheResultAndChangeNothing()
    {
        var wizard = NewWizard();
        var review = await wizard.UpToReviewAsync(KeyPacks.NewLicenseServerId());
        var requestId = ManageCalsWizard.RequestIdOf(review);
        var contactForm = (await wizard.OpenAsync($"/manage-cals/{requestId}/contact")).Form();
        await wizard.AcceptAsync(review.Form());

        foreach (var step in new[] { "request", "contact", "program", "review" })
        {
            var response = await wizard.Client.GetAsync(new Uri($"/manage-cals/{requestId}/{step}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal($"/manage-cals/{requestId}/result", response.Headers.Location!.OriginalString);
        }

        // A stale tab posts its old form: it lands on the result, and the submitted request is not edited.
        var stale = await wizard.AcceptAsync(contactForm.Fill("Company name", "Changed Afterwards Ltd"));
        Assert.Equal("result", ManageCalsWizard.Step(stale));
        var request = await factory.WithDbAsync(db => db.CalRequests.SingleAsync(r => r.Id == requestId));
        Assert.Equal("Contoso Lab", request.CompanyName);
    }

    [Fact]
    public async Task Steps_ComeBackFilledIn_AfterRefreshOrBackButton()
    {
        var wizard = NewWizard();
        var serverId = KeyPacks.NewLicenseServerId();
        var agreement = KeyPacks.NewAgreementNumber();
        var review = await wizard.UpToReviewAsync(serverId, agreement);
        var requestId = ManageCalsWizard.RequestIdOf(review);

        var request = await wizard.OpenAsync($"/manage-cals/{requestId}/request");
        var contact = await wizard.OpenAsync($"/manage-cals/{requestId}/contact");
        var program = await wizard.OpenAsync($"/manage-cals/{requestId}/program");

        Assert.Equal(IdFormat.LicenseServerId.Format(serverId), request.Document.GetElementById("Input_TargetLicenseServerId")!.GetAttribute("value"));
        Assert.Equal("enterprise-agreement", SelectedValue(request, "Input_LicenseProgramCode"));
        Assert.Equal("Okafor", contact.Document.GetElementById("Input_LastName")!.GetAttribute("value"));
        Assert.Equal("NZ", SelectedValue(contact, "Input_CountryRegionCode"));
        Assert.Equal(agreement, program.Document.GetElementById("Input_AgreementNumber")!.GetAttribute("value"));
        Assert.Equal("rds-per-user", SelectedValue(program, "Input_CalTypeCode"));
    }

    [Fact]
    public async Task Back_LinksPointAtTheEarlierStepOfTheSameRequest()
    {
        var wizard = NewWizard();
        var contact = await wizard.RequestAsync(await wizard.OpenAsync(), KeyPacks.NewLicenseServerId());
        var program = await wizard.ContactAsync(contact);
        var requestId = ManageCalsWizard.RequestIdOf(contact);

        Assert.Equal($"/manage-cals/{requestId}/request", BackLink(contact));
        Assert.Equal($"/manage-cals/{requestId}/contact", BackLink(program));
    }

    [Fact]
    public async Task Change_FromTheReviewPage_ReturnsToIt()
    {
        var wizard = NewWizard();
        var review = await wizard.UpToReviewAsync(KeyPacks.NewLicenseServerId());
        var changeContact = review.Document.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Change contact information");

        var contact = await wizard.OpenAsync(changeContact.GetAttribute("href")!);
        var back = await wizard.AcceptAsync(contact.Form().Fill("Company name", "Fabrikam"));

        Assert.Equal("review", ManageCalsWizard.Step(back));
        Assert.Contains("Fabrikam", back.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Change_OfTheLicenseProgram_AsksForThatProgramsDetails()
    {
        var wizard = NewWizard();
        var review = await wizard.UpToReviewAsync(KeyPacks.NewLicenseServerId());
        var requestId = ManageCalsWizard.RequestIdOf(review);

        var request = await wizard.OpenAsync($"/manage-cals/{requestId}/request");
        var next = await wizard.AcceptAsync(request.Form().Fill("License Program", "Open License"));

        Assert.Equal("program", ManageCalsWizard.Step(next));
        Assert.NotNull(next.Document.GetElementById("Input_LicenseNumber"));
        Assert.Null(next.Document.GetElementById("Input_AgreementNumber"));
        Assert.Equal("windows-server-2022", SelectedValue(next, "Input_ProductVersionCode"));
        var reviewNow = await wizard.Client.GetAsync(new Uri($"/manage-cals/{requestId}/review", UriKind.Relative));
        Assert.Equal($"/manage-cals/{requestId}/program", reviewNow.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Steps_CannotBeSkipped()
    {
        var wizard = NewWizard();
        var contact = await wizard.RequestAsync(await wizard.OpenAsync(), KeyPacks.NewLicenseServerId());
        var requestId = ManageCalsWizard.RequestIdOf(contact);

        foreach (var step in new[] { "program", "review", "result" })
        {
            var page = await wizard.OpenAsync($"/manage-cals/{requestId}/{step}");
            while (page.Response.StatusCode == HttpStatusCode.Found)
            {
                page = await HtmlPage.FollowRedirectAsync(wizard.Client, page.Response);
            }

            Assert.Equal($"/manage-cals/{requestId}/contact", page.Address.AbsolutePath);
        }
    }

    [Fact]
    public async Task TwoTabs_EachKeepTheirOwnRequest()
    {
        var wizard = NewWizard(); // one browser: the same cookies for both tabs
        var serverA = KeyPacks.NewLicenseServerId();
        var serverB = KeyPacks.NewLicenseServerId();
        var tabA = await wizard.OpenAsync();
        var tabB = await wizard.OpenAsync();

        var contactA = await wizard.RequestAsync(tabA, serverA);
        var contactB = await wizard.RequestAsync(tabB, serverB);
        var resultB = await wizard.AcceptAsync((await wizard.AgreementAsync(await wizard.ContactAsync(contactB))).Form());
        var resultA = await wizard.AcceptAsync((await wizard.AgreementAsync(await wizard.ContactAsync(contactA))).Form());

        Assert.NotEqual(ManageCalsWizard.RequestIdOf(contactA), ManageCalsWizard.RequestIdOf(contactB));
        Assert.Contains(IdFormat.LicenseServerId.Format(serverA), resultA.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(IdFormat.LicenseServerId.Format(serverB), resultB.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotEqual(ManageCalsWizard.KeyPackIdOn(resultA), ManageCalsWizard.KeyPackIdOn(resultB));
    }

    [Fact]
    public async Task Restart_LosesNothing_EvenAFormLoadedBeforeIt()
    {
        // Cookies by hand, so that the same browser can talk to the portal after its restart.
        using var before = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var start = await HtmlPage.GetAsync(before, "/manage-cals");
        var antiforgery = start.Response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        before.DefaultRequestHeaders.Add("Cookie", antiforgery);
        var wizard = new ManageCalsWizard(before);
        var program = await wizard.ContactAsync(await wizard.RequestAsync(start, KeyPacks.NewLicenseServerId()));

        // Another portal process on the same database: as after a restart, or another instance behind a load balancer.
        using var restarted = factory.OnTheSameDatabase();
        using var after = restarted.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        after.DefaultRequestHeaders.Add("Cookie", antiforgery);
        var stale = HtmlPage.Parse(after, program.Document.DocumentElement.OuterHtml, program.Address);
        var review = await new ManageCalsWizard(after).AcceptAsync(stale.Form()
            .Fill("Enrollment number", "7654321")
            .Fill("Product version", "Windows Server 2019")
            .Fill("CAL type", "VDI Suite")
            .Fill("Quantity", "3"));

        Assert.Equal("review", ManageCalsWizard.Step(review));
        var shown = review.Document.QuerySelector("main")!.TextContent;
        Assert.Contains("Contoso Lab", shown, StringComparison.Ordinal);
        Assert.Contains("VDI Suite", shown, StringComparison.Ordinal);

        // The antiforgery token was readable after the restart because the key that protects it is in the database.
        Assert.NotEmpty(await factory.WithDbAsync(db => db.DataProtectionKeys.ToListAsync()));
    }

    [Fact]
    public async Task Post_WithoutTheAntiforgeryToken_IsRefusedWithAPageNotAnError()
    {
        using var client = factory.CreatePageClient();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.TargetLicenseServerId"] = KeyPacks.NewLicenseServerId(),
            ["Input.ReasonCode"] = "replaced",
            ["Input.LicenseProgramCode"] = "select-license",
        });

        var response = await client.PostAsync(new Uri("/manage-cals", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await HtmlPage.ReadAsync(client, response);
        Assert.Equal("That request could not be handled", page.Document.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task UnknownRequest_IsNotFoundWithAWayOn()
    {
        using var client = factory.CreatePageClient();

        var response = await client.GetAsync(new Uri($"/manage-cals/{Guid.NewGuid()}/review", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await HtmlPage.ReadAsync(client, response);
        Assert.Equal("Page not found", page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.Document.QuerySelector("a[href='/manage-cals']"));
    }

    [Fact]
    public async Task Receipt_IsATextFileWithTheKeyPackAndTheRequest()
    {
        var wizard = NewWizard();
        var serverId = KeyPacks.NewLicenseServerId();
        var agreement = KeyPacks.NewAgreementNumber();
        var result = await wizard.IssueAsync(serverId, agreement);
        var keyPackId = ManageCalsWizard.KeyPackIdOn(result);
        var link = result.Document.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Download receipt");

        var response = await wizard.Client.GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"license-key-pack-{keyPackId[..5]}.txt", response.Content.Headers.ContentDisposition!.FileNameStar);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains($"License key pack ID:      {keyPackId}", text, StringComparison.Ordinal);
        Assert.Contains(IdFormat.LicenseServerId.Format(serverId), text, StringComparison.Ordinal);
        Assert.Contains($"Enrollment number:        {agreement}", text, StringComparison.Ordinal);
        Assert.Contains("Retain a copy", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Result_ShowsThePhoneNumberForTheContactsCountry()
    {
        var wizard = NewWizard();

        var result = await wizard.IssueAsync(KeyPacks.NewLicenseServerId());

        Assert.Contains("Call the clearinghouse for New Zealand: +64 555 0100", result.Document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelectOption_LeadsToManageCals()
    {
        using var client = factory.CreatePageClient();

        var home = await HtmlPage.GetAsync(client, "/");

        Assert.Equal("Select option", home.Document.QuerySelector("h1")!.TextContent.Trim());
        var link = home.Document.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Manage CALs");
        var start = await HtmlPage.GetAsync(client, link.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, start.Response.StatusCode);
        Assert.NotNull(start.Document.QuerySelector("label[for='Input_TargetLicenseServerId']"));
    }

    private static string? BackLink(HtmlPage page) =>
        page.Document.QuerySelectorAll("form a").Single(a => a.TextContent.Trim() == "Back").GetAttribute("href");

    private static string? SelectedValue(HtmlPage page, string selectId) =>
        page.Document.GetElementById(selectId)!.QuerySelector("option[selected]")?.GetAttribute("value");

    private static string NewRetailCode()
    {
        using var random = System.Security.Cryptography.RandomNumberGenerator.Create();
        return IdFormat.RetailLicenseCode.Generate(random);
    }
}

public sealed class ManageCalsPageTestsOnSqlite(ClearinghouseFactory factory) : ManageCalsPageTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class ManageCalsPageTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory) : ManageCalsPageTests<PostgreSqlClearinghouseFactory>(factory);
