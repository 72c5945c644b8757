using System.Net;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Licensing;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using Clearinghouse.Web.Resources;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Clearinghouse.Tests.Infrastructure.LicensingRequests;

namespace Clearinghouse.Tests.Localization;

/// <summary>
/// None of the site's texts is left in code: every page of every flow, with and without errors — rule refusals, the
/// result, the receipt, the error page and lab administration included — is rendered in Japanese, and no English is
/// found in what a person reads there (see <see cref="EnglishText"/> for what may stay in Latin letters). A text
/// written into a page or a message instead of the resources, or left untranslated, shows up here.
/// </summary>
public sealed class NoEnglishLeftTests(ClearinghouseFactory factory) : IClassFixture<ClearinghouseFactory>
{
    private const string Japanese = "ja";

    private readonly List<string> _english = [];

    public static TheoryData<string> Flows => [.. FlowRegistry.All.Select(flow => flow.Segment)];

    /// <summary>Every flow, including one added later: its first step, as shown and with everything missing.</summary>
    [Theory]
    [MemberData(nameof(Flows))]
    public async Task FirstStep_OfEveryFlow_HasNoEnglish(string segment)
    {
        // The console's telephone flows need a representative signed in.
        var client = segment.StartsWith("console/", StringComparison.Ordinal)
            ? await factory.SignedInAsync(ConsoleAccounts.Representative, "ja-JP")
            : JapaneseClient(factory);

        var start = await GetAsync(client, "/" + segment, "first step");
        await RefuseAsync(client, start.Form(), "first step, nothing entered");

        AssertNoEnglish();
    }

    [Fact]
    public async Task ManageCals_WithALicensePack_EveryPageAndMessage_HasNoEnglish()
    {
        var client = JapaneseClient(factory);
        var target = Ja(() => Labels.TargetLicenseServerId);
        var foreignServer = IdFormat.LicenseServerId.Format(AlphabetOnlyIds.New(IdFormat.LicenseServerId));

        var start = await GetAsync(client, "/manage-cals", "request");
        await RefuseAsync(client, start.Form().Fill(target, "12345-ABCDE-!"), "request, a character that cannot occur");
        await RefuseAsync(client, start.Form().Fill(target, "BCDFG-HJKMP-QRTVW"), "request, too short");
        await RefuseAsync(client, start.Form().Fill(target, "BCDF-HJKMP-QRTVW-XY234-6789B-CDFGH-JKMPQ"), "request, a short group");
        var asks = await RefuseAsync(client, Request(start, target, foreignServer, "license-pack"), "request, asking to confirm a foreign ID");
        var contact = await AcceptAsync(client, asks.Form().Check(Ja(() => Labels.TargetLicenseServerIdIsCopied)), "contact");

        await RefuseAsync(client, contact.Form(), "contact, nothing entered");
        await RefuseAsync(client, contact.Form()
            .Fill(Ja(() => Labels.LastName), "山田\u0007")
            .Fill(Ja(() => Labels.FirstName), "太郎\u202E")
            .Fill(Ja(() => Labels.CompanyName), "コントソ\n株式会社")
            .Fill(Ja(() => Labels.CountryRegion), "JP")
            .Fill(Ja(() => Labels.OrganizationalUnit), new string('経', FieldLengths.Name + 1))
            .Fill(Ja(() => Labels.City), "東京\t都")
            .Fill(Ja(() => Labels.Email), "yamada")
            .Fill(Ja(() => Labels.Phone), "電話"), "contact, every field wrong");
        var program = await AcceptAsync(client, Contact(await GetAsync(client, contact.Address.AbsolutePath, "contact")),
            "license program details, License Pack");

        await RefuseAsync(client, program.Form(), "license program details, nothing entered");
        var twoCodes = await ReadAsync(client, await program.Form().SubmitAsync(Ja(() => Labels.AddLicenseCode)),
            "license program details, a code field added");
        var foreignCode = IdFormat.RetailLicenseCode.Format(AlphabetOnlyIds.New(IdFormat.RetailLicenseCode));
        await RefuseAsync(client, twoCodes.Form()
            .Fill(Ja(() => Labels.LicenseCode(1)), "ABCDE-!")
            .Fill(Ja(() => Labels.LicenseCode(2)), foreignCode)
            .Fill(Ja(() => Labels.ProductVersion), "windows-server-2008-r2")
            .Fill(Ja(() => Labels.CalType), "rds-per-user")
            .Fill(Ja(() => Labels.Quantity), "1.5"), "license program details, codes, CAL type and quantity wrong");
        var code = IdFormat.RetailLicenseCode.Format(NewRetailCode());
        await RefuseAsync(client, Cals(twoCodes.Form(), "20000")
            .Fill(Ja(() => Labels.LicenseCode(1)), code)
            .Fill(Ja(() => Labels.LicenseCode(2)), code), "license program details, a code repeated, too many CALs");
        var confirming = await RefuseAsync(client, Cals(twoCodes.Form(), "1,500")
            .Fill(Ja(() => Labels.LicenseCode(1)), code)
            .Fill(Ja(() => Labels.LicenseCode(2)), foreignCode), "license program details, asking to confirm a foreign code");
        var review = await AcceptAsync(client, confirming.Form().Check(Ja(() => Labels.LicenseCodesAreCopied)), "review, foreign ID and code");

        await GetAsync(client, review.Address.AbsolutePath + "?changed=true", "review, changed in another tab");
        var result = await AcceptAsync(client, review.Form(), "result");
        await ReceiptAsync(client, result);

        AssertNoEnglish();
    }

    [Fact]
    public async Task ManageCals_WithAnAgreement_RefusedForItsVersion_HasNoEnglish()
    {
        var client = JapaneseClient(factory);
        var server = await factory.ActivateServerAsync("windows-server-2016");

        var program = await AcceptAsync(client,
            Contact(await AcceptAsync(client, Request(await GetAsync(client, "/manage-cals", "request"),
                Ja(() => Labels.TargetLicenseServerId), server.Id, "enterprise-agreement"), "contact")),
            "license program details, Enterprise Agreement");
        var enrollment = Ja(() => CatalogueNames.ReferenceLabel(Catalogue.FindProgram("enterprise-agreement")!));
        await RefuseAsync(client, Cals(program.Form(), "abc").Fill(enrollment, "12-34"), "license program details, agreement number wrong");

        await RefuseAsync(client, Cals(program.Form(), "25").Fill(enrollment, "1234567"),
            "license program details, CALs newer than the server accepts");

        AssertNoEnglish();
    }

    [Fact]
    public async Task ManageCals_InStrictMode_RefusedByEveryPurchaseRule_HasNoEnglish()
    {
        var strict = factory.Strict();
        var client = JapaneseClient(strict);
        var agreement = KeyPacks.NewAgreementNumber();
        await strict.RegisterAsync("enterprise-agreement", agreement, 10);
        var activated = await strict.ActivateServerAsync();

        await RefuseAsync(client, await ProgramAsync(client, activated.Id, agreement, "20"),
            "license program details, strict mode, more CALs than the purchase holds");
        await RefuseAsync(client, await ProgramAsync(client, activated.Id, KeyPacks.NewAgreementNumber(), "5"),
            "license program details, strict mode, purchase not registered");
        var start = await GetAsync(client, "/manage-cals", "request, strict mode");
        await RefuseAsync(client, Request(start, Ja(() => Labels.TargetLicenseServerId), KeyPacks.NewLicenseServerId(), "enterprise-agreement"),
            "request, strict mode, server not activated");
        await RefuseAsync(client, start.Form().Fill(Ja(() => Labels.TargetLicenseServerId),
            IdFormat.LicenseServerId.Format(AlphabetOnlyIds.New(IdFormat.LicenseServerId))), "request, strict mode, an ID that does not check out");
        await RefuseAsync(client, start.Form().Fill(Ja(() => Labels.TargetLicenseServerId),
            "AEIOU-AEIOU-AEIOU-AEIOU-AEIOU-AEIOU-AEIOU"), "request, strict mode, an ID in letters no ID issued here has");

        AssertNoEnglish();
    }

    [Fact]
    public async Task InstallCals_WithAnOpenLicense_AndAUsedLicenseCode_HasNoEnglish()
    {
        var client = JapaneseClient(factory);
        var serverLabel = Ja(() => Labels.LicenseServerId);

        var start = await GetAsync(client, "/install-cals", "request");
        var contact = await AcceptAsync(client, start.Form()
            .Fill(serverLabel, KeyPacks.NewLicenseServerId())
            .Fill(Ja(() => Labels.LicenseProgram), "open-license"), "contact");
        var program = await AcceptAsync(client, Contact(contact), "license program details, Open License");
        await RefuseAsync(client, Cals(program.Form(), "0")
            .Fill(Ja(() => Labels.LicenseNumber), "12")
            .Fill(Ja(() => Labels.AuthorizationNumber), "ABCDE-12345-!"), "license program details, Open License wrong");
        var review = await AcceptAsync(client, Cals(program.Form(), "5")
            .Fill(Ja(() => Labels.LicenseNumber), "12345678")
            .Fill(Ja(() => Labels.AuthorizationNumber), "ABCDE-12345-FGHIJ"), "review");
        await ReceiptAsync(client, await AcceptAsync(client, review.Form(), "result"));

        var used = NewRetailCode();
        await factory.IssueAsync(Retail(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), [used], 5));
        var again = await AcceptAsync(client, (await GetAsync(client, "/install-cals", "request")).Form()
            .Fill(serverLabel, KeyPacks.NewLicenseServerId())
            .Fill(Ja(() => Labels.LicenseProgram), "license-pack"), "contact");
        var codes = await AcceptAsync(client, Contact(again), "license program details, License Pack");
        await RefuseAsync(client, Cals(codes.Form(), "5").Fill(Ja(() => Labels.LicenseCode(1)), IdFormat.RetailLicenseCode.Format(used)),
            "license program details, license code already installed");

        AssertNoEnglish();
    }

    [Fact]
    public async Task ActivateServer_EveryPageAndMessage_HasNoEnglish()
    {
        var client = JapaneseClient(factory);
        var productId = Ja(() => Texts.Get("Activate.ProductId.Label"));
        var operatingSystem = Ja(() => Texts.Get("Activate.OperatingSystem.Label"));

        var start = await GetAsync(client, "/activate-server", "license server");
        await RefuseAsync(client, start.Form().Fill(productId, "00490-92005-!").Fill(operatingSystem, "windows-server-2019"),
            "license server, a character that cannot occur");
        await RefuseAsync(client, start.Form().Fill(productId, "0049092005994"), "license server, too short, no operating system");
        await RefuseAsync(client, start.Form().Fill(productId, "00490-9200-99454-AT527"), "license server, a short group");
        var contact = await AcceptAsync(client, start.Form()
            .Fill(productId, NewProductId())
            .Fill(operatingSystem, "windows-server-2019"), "company information");
        await RefuseAsync(client, contact.Form(), "company information, nothing entered");
        var review = await AcceptAsync(client, Contact(contact), "review");

        await GetAsync(client, review.Address.AbsolutePath + "?changed=true", "review, changed in another tab");
        var result = await AcceptAsync(client, review.Form(), "result");
        await ReceiptAsync(client, result);

        AssertNoEnglish();
    }

    [Fact]
    public async Task ReactivateServer_EveryPageAndMessage_KeyPacksThatFollowedAndRefusals_HasNoEnglish()
    {
        var client = JapaneseClient(factory);
        var serverId = Ja(() => Labels.LicenseServerId);
        var reason = Ja(() => Texts.Get("Reactivate.Reason.Label"));
        var server = await factory.ActivateServerAsync("windows-server-2019");
        await factory.IssueAsync(Agreement(RequestKind.InstallCals, server.Id, KeyPacks.NewAgreementNumber(), 1500, "windows-server-2019"));
        await factory.IssueAsync(Agreement(RequestKind.InstallCals, server.Id, KeyPacks.NewAgreementNumber(), 1, "windows-server-2016", "vdi-suite"));

        var start = await GetAsync(client, "/reactivate-server", "license server");
        await RefuseAsync(client, start.Form().Fill(serverId, "BCDFG-HJKMP-!").Fill(reason, "redeployed"), "license server, a character that cannot occur");
        await RefuseAsync(client, start.Form().Fill(serverId, "BCDFG-HJKMP"), "license server, too short, no reason");
        var asks = await RefuseAsync(client, start.Form()
            .Fill(serverId, IdFormat.LicenseServerId.Format(AlphabetOnlyIds.New(IdFormat.LicenseServerId)))
            .Fill(reason, "certificate-corrupt"), "license server, asking to confirm a foreign ID");
        var foreignContact = await AcceptAsync(client, asks.Form().Check(Ja(() => Labels.LicenseServerIdIsCopied)), "company information");
        await RefuseAsync(client, foreignContact.Form(), "company information, nothing entered");
        await AcceptAsync(client, Contact(foreignContact), "review, foreign ID");

        // Two requests for one server: the second is submitted first, so the first is refused at submit.
        var first = await AcceptAsync(client, Contact(await AcceptAsync(client, (await GetAsync(client, "/reactivate-server", "license server")).Form()
            .Fill(serverId, IdFormat.LicenseServerId.Format(server.Id))
            .Fill(reason, "upgraded"), "company information")), "review");
        var second = await AcceptAsync(client, Contact(await AcceptAsync(client, (await GetAsync(client, "/reactivate-server", "license server")).Form()
            .Fill(serverId, IdFormat.LicenseServerId.Format(server.Id))
            .Fill(reason, "private-key-compromised"), "company information")), "review");
        var result = await AcceptAsync(client, second.Form(), "result, key packs that followed");
        await ReceiptAsync(client, result);
        await RefuseAsync(client, first.Form(), "review, reactivated meanwhile");
        await RefuseAsync(client, (await GetAsync(client, "/reactivate-server", "license server")).Form()
            .Fill(serverId, IdFormat.LicenseServerId.Format(server.Id))
            .Fill(reason, "redeployed"), "license server, already reactivated");

        var strict = JapaneseClient(factory.Strict());
        await RefuseAsync(strict, (await GetAsync(strict, "/reactivate-server", "license server, strict mode")).Form()
            .Fill(serverId, IdFormat.LicenseServerId.Format(KeyPacks.NewLicenseServerId()))
            .Fill(reason, "activation-key-expired"), "license server, strict mode, not activated here");

        AssertNoEnglish();
    }

    [Fact]
    public async Task SelectOption_AndTheErrorPages_HaveNoEnglish()
    {
        var client = JapaneseClient(factory);

        await GetAsync(client, "/", "select option");
        await GetAsync(client, $"/manage-cals/{Guid.NewGuid()}/contact", "a request that does not exist", HttpStatusCode.NotFound);
        await GetAsync(factory.CreatePageClient(), "/no-such-page?lang=ja", "an unknown address, ?lang=ja", HttpStatusCode.NotFound);

        AssertNoEnglish();
    }

    [Fact]
    public async Task Console_SignInAccountsAndAudit_WithTheirErrors_HaveNoEnglish()
    {
        var anonymous = factory.CreateSecureClient("ja-JP");
        var signIn = await GetAsync(anonymous, "/console/sign-in", "sign in");
        await RefuseAsync(anonymous, signIn.Form(), "sign in, nothing entered");
        await RefuseAsync(anonymous, signIn.Form()
            .Fill(Ja(() => Texts.Get("Accounts.Email")), ConsoleAccounts.Representative.Email)
            .Fill(Ja(() => Texts.Get("Accounts.Password")), "wrong"), "sign in, wrong password");

        var admin = await factory.SignedInAsync(ConsoleAccounts.Administrator, "ja-JP");
        await GetAsync(admin, "/console", "console home");
        var users = await GetAsync(admin, "/console/admin/users", "accounts");
        await RefuseAsync(admin, users.Form("#create-account")
            .Fill(Ja(() => Texts.Get("Accounts.Email")), ConsoleAccounts.Representative.Email)
            .Fill(Ja(() => Texts.Get("Accounts.Password")), "short"), "accounts, every field wrong");
        await GetAsync(admin, "/console/admin/audit", "audit trail");

        var representative = await factory.SignedInAsync(ConsoleAccounts.Representative, "ja-JP");
        await GetAsync(representative, "/console", "console home, representative");
        await GetAsync(representative, "/console/admin/audit", "forbidden", HttpStatusCode.Forbidden);

        AssertNoEnglish();
    }

    [Fact]
    public async Task LabAdministration_WithPurchasesAndTheirKeyPacks_HasNoEnglish()
    {
        var lab = factory;
        var client = await lab.SignedInAsync(ConsoleAccounts.Administrator, "ja-JP");
        var agreement = KeyPacks.NewAgreementNumber();
        var page = await GetAsync(client, "/lab/purchases", "lab purchases");
        await RefuseAsync(client, page.Form(), "lab purchases, nothing entered");
        var register = page.Form()
            .Fill(Ja(() => Labels.LicenseProgram), "enterprise-agreement")
            .Fill(Ja(() => Labels.ProductVersion), "windows-server-2022")
            .Fill(Ja(() => Labels.CalType), "vdi-standard")
            .Fill(Ja(() => Labels.Quantity), "1.000");
        await RefuseAsync(client, register, "lab purchases, CAL type not sold, quantity wrong");

        await lab.RegisterAsync("enterprise-agreement", agreement, 100);
        var source = KeyPacks.NewLicenseServerId();
        await lab.IssueAsync(Agreement(RequestKind.InstallCals, source, agreement, 30));
        await lab.IssueAsync(Agreement(RequestKind.ManageCals, KeyPacks.NewLicenseServerId(), agreement, 120));
        await GetAsync(client, "/lab/purchases", "lab purchases, key packs installed, migrated and over-issued");
        await RefuseAsync(client, (await GetAsync(client, "/lab/purchases", "lab purchases")).Form()
            .Fill(Ja(() => Labels.LicenseProgram), "enterprise-agreement")
            .Fill(Ja(() => Texts.Get("Lab.Purchases.AgreementNumber")), agreement)
            .Fill(Ja(() => Labels.ProductVersion), "windows-server-2022")
            .Fill(Ja(() => Labels.CalType), "rds-per-user")
            .Fill(Ja(() => Labels.Quantity), "100"), "lab purchases, already registered");

        AssertNoEnglish();
    }

    [Fact]
    public async Task LabAdministration_SettingsResetPhoneNumbersKeyPacksAndApiKeys_HaveNoEnglish()
    {
        var client = await factory.SignedInAsync(ConsoleAccounts.Administrator, "ja-JP");
        var server = KeyPacks.NewLicenseServerId();
        await factory.IssueAsync(Agreement(RequestKind.InstallCals, server, KeyPacks.NewAgreementNumber(), 5));

        var settings = await GetAsync(client, "/lab/settings", "lab settings");
        await RefuseAsync(client, settings.Form("#faults-form")
            .Fill(Ja(() => Texts.Get("Lab.Faults.Delay")), "x")
            .Fill(Ja(() => Texts.Get("Lab.Faults.OutageFrom")), "2026-12-31T10:00"), "lab settings, faults wrong");
        await RefuseAsync(client, settings.Form("#faults-form")
            .Fill(Ja(() => Texts.Get("Lab.Faults.ErrorRate")), "2")
            .Fill(Ja(() => Texts.Get("Lab.Faults.OutageFrom")), "2026-12-31T10:00")
            .Fill(Ja(() => Texts.Get("Lab.Faults.OutageTo")), "2026-12-31T09:00"), "lab settings, faults out of range");
        await AcceptAsync(client, (await GetAsync(client, "/lab/settings", "lab settings")).Form("#faults-form"), "lab settings, faults saved (all off)");
        await RefuseAsync(client, (await GetAsync(client, "/lab/settings", "lab settings")).Form("#seed-form").Fill(Ja(() => Texts.Get("Lab.Settings.Seed")), new string('s', 101)), "lab settings, seed too long");

        await RefuseAsync(client, (await GetAsync(client, "/lab/reset", "lab reset")).Form(), "lab reset, not confirmed");

        var phones = await GetAsync(client, "/lab/phone-numbers?country=JP", "phone numbers");
        await RefuseAsync(client, phones.Form().Fill(Ja(() => Texts.Get("Lab.Phone.Number")), "03-1234"), "phone numbers, malformed");
        await AcceptAsync(client, (await GetAsync(client, "/lab/phone-numbers?country=JP", "phone numbers")).Form(), "phone numbers, changed");

        await GetAsync(client, $"/lab/key-packs?Server={server}", "key packs");
        await GetAsync(client, "/lab/key-packs?From=x&To=y&Status=z&Channel=q&Program=p&Version=v&Server=1", "key packs, every filter wrong");

        var keys = await GetAsync(client, "/lab/api-keys", "lab API keys");
        await RefuseAsync(client, keys.Form("#create-key"), "lab API keys, no name");
        var created = await ReadAsync(client, await (await GetAsync(client, "/lab/api-keys", "lab API keys")).Form("#create-key").Fill(Ja(() => Texts.Get("Lab.ApiKeys.Name")), "nightly").SubmitAsync(),
            "lab API keys, created");
        await AcceptAsync(client, created.Form("[data-key] form"), "lab API keys, revoked");

        AssertNoEnglish();
    }

    [Fact]
    public async Task Console_SearchRequestReadBackAndDeactivation_HaveNoEnglish()
    {
        var client = await factory.SignedInAsync(ConsoleAccounts.Representative, "ja-JP");
        var server = await factory.ActivateServerAsync();
        var install = Agreement(RequestKind.InstallCals, server.Id, KeyPacks.NewAgreementNumber(), 5);
        (install.LastName, install.FirstName, install.CompanyName, install.CountryRegionCode) = ("山田", "太郎", "コントソ株式会社", "JP");
        var keyPack = await factory.IssueAsync(install);
        await factory.InScopeAsync(services =>
            services.GetRequiredService<KeyPackInstaller>().InstallAsync(server.Id, keyPack.Id));
        var searchLabel = Ja(() => Texts.Get("Console.Search.Label"));

        var search = await GetAsync(client, "/console/search", "console search");
        await ReadAsync(client, await search.Form().Fill(searchLabel, "x").SubmitAsync(), "console search, too short");
        await ReadAsync(client, await search.Form().Fill(searchLabel, "該当なし" + Guid.NewGuid().ToString("N")[..4]).SubmitAsync(), "console search, nothing found");
        await ReadAsync(client, await search.Form().Fill(searchLabel, server.Id[..10]).SubmitAsync(), "console search, found");

        var request = await GetAsync(client, $"/console/requests/{keyPack.RequestId}", "console request");
        var groupLabel = Ja(() => Texts.Get("Console.ReadBack.GroupNumber"));
        var charactersLabel = Ja(() => Texts.Get("Console.ReadBack.Characters"));
        await ReadAsync(client, await request.Form("#read-back form").Fill(groupLabel, "1").Fill(charactersLabel, keyPack.Id[..5]).SubmitAsync(),
            "console read-back, matches");
        await ReadAsync(client, await request.Form("#read-back form").Fill(groupLabel, "1").Fill(charactersLabel, keyPack.Id.Substring(5, 5)).SubmitAsync(),
            "console read-back, another group");
        await RefuseAsync(client, request.Form("#read-back form").Fill(groupLabel, "1").Fill(charactersLabel, string.Empty), "console read-back, nothing read back");

        var serverLabel = Ja(() => Labels.LicenseServerId);
        var confirm = Ja(() => Texts.Get("Console.Deactivate.Confirm"));
        var deactivate = await GetAsync(client, "/console/calls/deactivate", "console deactivation");
        await RefuseAsync(client, deactivate.Form().Fill(serverLabel, server.Id), "console deactivation, not confirmed");
        await RefuseAsync(client, deactivate.Form().Fill(serverLabel, KeyPacks.NewLicenseServerId()).Check(confirm), "console deactivation, unknown");
        await AcceptAsync(client, deactivate.Form().Fill(serverLabel, server.Id).Check(confirm), "console deactivation, done");
        await AcceptAsync(client, deactivate.Form().Fill(serverLabel, server.Id).Check(confirm), "console deactivation, the code again");

        // Taking a call: the new-call page, then a call started for a caller from Japan, with its context.
        var newCall = await GetAsync(client, "/console/calls", "console new call");
        var call = await AcceptAsync(client, newCall.Form().Fill(Ja(() => Texts.Get("Calls.Caller.CountryRegion")), "JP"), "console call, request step");
        await RefuseAsync(client, call.Form(), "console call, request step, nothing entered");
        await GetAsync(client, $"/console/requests/{keyPack.RequestId}", "console request, deactivated, with its audit trail");

        AssertNoEnglish();
    }

    private static string Ja(Func<string> text) => SiteLanguage.In(Japanese, text);

    private static HttpClient JapaneseClient(WebApplicationFactory<Program> host)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClearinghouseFactory.SecureAddress });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja-JP");
        return client;
    }

    private static HtmlForm Request(HtmlPage page, string serverLabel, string serverId, string program) =>
        page.Form()
            .Fill(serverLabel, serverId)
            .Fill(Ja(() => Labels.Reason), "replaced")
            .Fill(Ja(() => Labels.LicenseProgram), program);

    // Japanese names and no e-mail address: what is typed in is shown again on later pages.
    private static HtmlForm Contact(HtmlPage page) =>
        page.Form()
            .Fill(Ja(() => Labels.LastName), "山田")
            .Fill(Ja(() => Labels.FirstName), "太郎")
            .Fill(Ja(() => Labels.CompanyName), "コントソ株式会社")
            .Fill(Ja(() => Labels.CountryRegion), "JP")
            .Fill(Ja(() => Labels.City), "東京都");

    private static HtmlForm Cals(HtmlForm form, string quantity) =>
        form.Fill(Ja(() => Labels.ProductVersion), "windows-server-2022")
            .Fill(Ja(() => Labels.CalType), "rds-per-user")
            .Fill(Ja(() => Labels.Quantity), quantity);

    /// <summary>Manage CALs up to its program step, with that step's form filled in for an agreement.</summary>
    private async Task<HtmlForm> ProgramAsync(HttpClient client, string serverId, string agreement, string quantity)
    {
        var contact = await AcceptAsync(client, Request(await GetAsync(client, "/manage-cals", "request"),
            Ja(() => Labels.TargetLicenseServerId), serverId, "enterprise-agreement"), "contact");
        var program = await AcceptAsync(client, Contact(contact), "license program details");
        var enrollment = Ja(() => CatalogueNames.ReferenceLabel(Catalogue.FindProgram("enterprise-agreement")!));
        return Cals(program.Form(), quantity).Fill(enrollment, agreement);
    }

    private async Task<HtmlPage> GetAsync(HttpClient client, string url, string what, HttpStatusCode status = HttpStatusCode.OK)
    {
        var page = await HtmlPage.GetAsync(client, url);
        Assert.Equal(status, page.Response.StatusCode);
        return Checked(page, what);
    }

    private async Task<HtmlPage> ReadAsync(HttpClient client, HttpResponseMessage response, string what)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Checked(await HtmlPage.ReadAsync(client, response), what);
    }

    /// <summary>A form that must be refused: the page comes back with errors, which are checked too.</summary>
    private async Task<HtmlPage> RefuseAsync(HttpClient client, HtmlForm form, string what)
    {
        var page = await ReadAsync(client, await form.SubmitAsync(), what);
        Assert.True(page.Document.QuerySelector(".error-summary li") is not null, $"{what}: expected errors, there are none.");
        return page;
    }

    private async Task<HtmlPage> AcceptAsync(HttpClient client, HtmlForm form, string what)
    {
        var response = await form.SubmitAsync();
        if (response.StatusCode != HttpStatusCode.Found)
        {
            var page = await HtmlPage.ReadAsync(client, response);
            Assert.Fail($"Before {what}: expected the form to be accepted, got {(int)response.StatusCode}: " +
                string.Join(" | ", page.Document.QuerySelectorAll(".error-summary li").Select(li => li.TextContent.Trim())));
        }

        return Checked(await HtmlPage.FollowRedirectAsync(client, response), what);
    }

    private async Task ReceiptAsync(HttpClient client, HtmlPage result)
    {
        var link = result.Document.QuerySelector("a[download]")!.GetAttribute("href")!;
        var receipt = await client.GetStringAsync(new Uri(result.Address, link));
        _english.AddRange(EnglishText.In(receipt).Select(english => $"receipt: {english}"));
    }

    private HtmlPage Checked(HtmlPage page, string what)
    {
        Assert.Equal(Japanese, page.Document.DocumentElement.GetAttribute("lang"));
        _english.AddRange(EnglishText.In(EnglishText.OnPage(page.Document, Japanese))
            .Select(english => $"{what} ({page.Address.PathAndQuery}): {english}"));
        return page;
    }

    private void AssertNoEnglish() =>
        Assert.True(_english.Count == 0, "English left on pages shown in Japanese:\n" + string.Join('\n', _english));
}
