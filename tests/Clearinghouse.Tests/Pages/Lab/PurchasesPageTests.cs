using System.Net;
using AngleSharp.Dom;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using static Clearinghouse.Tests.Infrastructure.LicensingRequests;

namespace Clearinghouse.Tests.Pages.Lab;

/// <summary>
/// Lab administration's purchases page (/lab/purchases): for lab administrators only (signed in); registers
/// purchases (Post/Redirect/Get, antiforgery, validation) and lists what each has issued.
/// </summary>
public abstract class PurchasesPageTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private const string Address = "/lab/purchases";

    private readonly WebApplicationFactory<Program> _enabled = factory;

    [Fact]
    public async Task Purchases_Anonymously_SendsToSignIn()
    {
        using var client = factory.CreateSecureClient();

        using var response = await client.GetAsync(new Uri(Address, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith("/console/sign-in?ReturnUrl=%2Flab%2Fpurchases", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_ByARepresentative_IsForbiddenAndRegistersNothing()
    {
        using var client = await factory.SignedInAsync(ConsoleAccounts.Representative);
        var agreement = KeyPacks.NewAgreementNumber();
        FormUrlEncodedContent Form() => new(
        [
            new("Input.LicenseProgramCode", "enterprise-agreement"),
            new("Input.AgreementNumber", agreement),
            new("Input.ProductVersionCode", "windows-server-2022"),
            new("Input.CalTypeCode", "rds-per-user"),
            new("Input.Quantity", "5"),
        ]);

        using var get = await client.GetAsync(new Uri(Address, UriKind.Relative));
        using var post = await client.PostAsync(new Uri(Address, UriKind.Relative), Form());

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Purchases.AnyAsync(p => p.Reference == agreement)));
    }

    [Fact]
    public async Task Register_AnAgreement_RedirectsToTheListWhichShowsIt()
    {
        var client = await NewClientAsync();
        var agreement = KeyPacks.NewAgreementNumber();

        using var response = await FillAgreement(await OpenAsync(client), agreement, "1,500").SubmitAsync();

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/lab/purchases?registered=", location, StringComparison.Ordinal);
        Assert.EndsWith("#purchases", location, StringComparison.Ordinal);
        var page = await HtmlPage.FollowRedirectAsync(client, response);
        var purchase = PurchaseOn(page, $"Enterprise Agreement {agreement}");
        Assert.Equal(("1,500", "0", "1,500"), Totals(purchase));
        Assert.Contains("Registered just now.", purchase.TextContent, StringComparison.Ordinal);
        var stored = await factory.WithDbAsync(db => db.Purchases.SingleAsync(p => p.Reference == agreement));
        Assert.Equal(("enterprise-agreement", "windows-server-2022", "rds-per-user", 1500),
            (stored.LicenseProgramCode, stored.ProductVersionCode, stored.CalTypeCode, stored.Quantity));
    }

    [Fact]
    public async Task Register_AnOpenLicenseAndALicenseCode_StoresTheirCanonicalReferences()
    {
        var client = await NewClientAsync();
        var code = NewRetailCode();

        await AcceptAsync(client, (await OpenAsync(client)).Form()
            .Fill("License program", "Open License")
            .Fill("Open License number", "1234 5678")
            .Fill("Open License authorization number", "bcdfg-23456-hjkmp")
            .Fill("Product version", "Windows Server 2019")
            .Fill("CAL type", "RDS Per Device CAL")
            .Fill("Quantity", "40"));
        var page = await AcceptAsync(client, (await OpenAsync(client)).Form()
            .Fill("License program", "License Pack (Retail Purchase)")
            .Fill("License code", IdFormat.RetailLicenseCode.Format(code).ToLowerInvariant())
            .Fill("Product version", "Windows Server 2019")
            .Fill("CAL type", "RDS Per Device CAL")
            .Fill("Quantity", "5"));

        Assert.NotNull(PurchaseOn(page, "Open License 12345678 (authorization number BCDFG-23456-HJKMP)"));
        Assert.NotNull(PurchaseOn(page, $"License Pack (Retail Purchase) license code {IdFormat.RetailLicenseCode.Format(code)}"));
        Assert.True(await factory.WithDbAsync(db => db.Purchases.AnyAsync(p => p.Reference == "12345678:BCDFG23456HJKMP")));
        Assert.True(await factory.WithDbAsync(db => db.Purchases.AnyAsync(p => p.Reference == code)));
    }

    [Fact]
    public async Task Register_TheSamePurchaseAgain_IsRefusedOnItsReference()
    {
        var client = await NewClientAsync();
        var agreement = KeyPacks.NewAgreementNumber();
        await AcceptAsync(client, FillAgreement(await OpenAsync(client), agreement, "10"));

        var page = await RefuseAsync(client, FillAgreement(await OpenAsync(client), agreement, "20"));

        Assert.Equal(
            [
                $"Enterprise Agreement {agreement} is already registered for Windows Server 2022 RDS Per User CALs. Each " +
                "purchase is registered once per product version and CAL type.",
            ],
            ErrorSummary(page));
        Assert.Equal("#Input_AgreementNumber", page.Document.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal("true", page.Document.GetElementById("Input_AgreementNumber")!.GetAttribute("aria-invalid"));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Purchases.CountAsync(p => p.Reference == agreement)));
    }

    [Fact]
    public async Task Register_WithInvalidInput_SaysWhatIsWrongWithEachFieldAndRegistersNothing()
    {
        var client = await NewClientAsync();
        var before = await factory.WithDbAsync(db => db.Purchases.CountAsync());

        var page = await RefuseAsync(client, (await OpenAsync(client)).Form()
            .Fill("License program", "Select License")
            .Fill("Agreement or enrollment number", "12345")
            .Fill("Product version", "Windows Server 2008 R2 and earlier")
            .Fill("CAL type", "RDS Per User CAL")
            .Fill("Quantity", "1,5"));

        Assert.Equal(
            [
                "The agreement number has 5 digits; it needs 7.",
                "RDS Per User CAL is not sold for Windows Server 2008 R2 and earlier: choose one of TS/RDS Per Device CAL, " +
                "TS/RDS Per User CAL, VDI Standard, VDI Premium, VDI Suite.",
                "Enter the quantity as a whole number, for example 25 or 1,500; use a comma only between thousands.",
            ],
            ErrorSummary(page));
        Assert.Equal("12345", page.Document.GetElementById("Input_AgreementNumber")!.GetAttribute("value"));
        Assert.Equal(before, await factory.WithDbAsync(db => db.Purchases.CountAsync()));
    }

    [Theory]
    [InlineData("", "Enter the number of CALs the purchase holds, from 1 to 1,000,000.")]
    [InlineData("0", "The quantity must be from 1 to 1,000,000 CALs.")]
    [InlineData("1,000,001", "The quantity must be from 1 to 1,000,000 CALs.")]
    [InlineData("99999999999", "The quantity must be from 1 to 1,000,000 CALs.")]
    public async Task Register_WithAQuantityOutOfRange_SaysTheRange(string quantity, string message)
    {
        var client = await NewClientAsync();

        var page = await RefuseAsync(client, FillAgreement(await OpenAsync(client), KeyPacks.NewAgreementNumber(), quantity));

        Assert.Equal([message], ErrorSummary(page));
    }

    [Fact]
    public async Task Register_WithoutAProgram_AsksForIt()
    {
        var client = await NewClientAsync();

        var page = await RefuseAsync(client, (await OpenAsync(client)).Form()
            .Fill("Product version", "Windows Server 2022")
            .Fill("CAL type", "VDI Suite")
            .Fill("Quantity", "5"));

        Assert.Equal(["Choose the license program."], ErrorSummary(page));
    }

    [Fact]
    public async Task Register_WithoutTheAntiforgeryToken_IsRefused()
    {
        var client = await NewClientAsync();

        using var response = await client.PostAsync(new Uri(Address, UriKind.Relative), new FormUrlEncodedContent(
        [
            new("Input.LicenseProgramCode", "enterprise-agreement"),
            new("Input.AgreementNumber", KeyPacks.NewAgreementNumber()),
            new("Input.ProductVersionCode", "windows-server-2022"),
            new("Input.CalTypeCode", "rds-per-user"),
            new("Input.Quantity", "5"),
        ]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task List_AfterIssuanceAndMigration_ShowsTheTotalsAndEveryKeyPackWithItsServer()
    {
        var client = await NewClientAsync();
        var agreement = KeyPacks.NewAgreementNumber();
        await AcceptAsync(client, FillAgreement(await OpenAsync(client), agreement, "100"));
        var source = KeyPacks.NewLicenseServerId();
        var target = KeyPacks.NewLicenseServerId();
        var installed = await factory.IssueAsync(Agreement(RequestKind.InstallCals, source, agreement, 30));
        var kept = await factory.IssueAsync(Agreement(RequestKind.InstallCals, target, agreement, 20));
        var moved = await factory.IssueAsync(Agreement(RequestKind.ManageCals, target, agreement, 30));

        var purchase = PurchaseOn(await OpenAsync(client), $"Enterprise Agreement {agreement}");

        Assert.Equal(("100", "50", "50"), Totals(purchase));
        var keyPacks = purchase.QuerySelectorAll("[data-key-pack]").ToList();
        Assert.Equal([installed.Id, kept.Id, moved.Id], keyPacks.Select(k => k.GetAttribute("data-key-pack")));
        Assert.Equal(["migrated", "active", "active"], keyPacks.Select(k => k.GetAttribute("data-state")));
        Assert.Contains(IdFormat.LicenseServerId.Format(source), keyPacks[0].TextContent, StringComparison.Ordinal);
        var movedAt = SiteLanguage.In("en", () => Clearinghouse.Web.Pages.Lab.PurchasesModel.Time(moved.IssuedAt));
        Assert.Contains($"migrated {movedAt} to key pack {IdFormat.KeyPackId.Format(moved.Id)}",
            Normalize(keyPacks[0].TextContent), StringComparison.Ordinal);
        Assert.Contains(IdFormat.LicenseServerId.Format(target), keyPacks[2].TextContent, StringComparison.Ordinal);
    }

    private Task<HttpClient> NewClientAsync() => _enabled.SignedInAsync(ConsoleAccounts.Administrator);

    private static Task<HtmlPage> OpenAsync(HttpClient client) => HtmlPage.GetAsync(client, Address);

    private static HtmlForm FillAgreement(HtmlPage page, string agreement, string quantity) =>
        page.Form()
            .Fill("License program", "Enterprise Agreement")
            .Fill("Agreement or enrollment number", agreement)
            .Fill("Product version", "Windows Server 2022")
            .Fill("CAL type", "RDS Per User CAL")
            .Fill("Quantity", quantity);

    private static async Task<HtmlPage> AcceptAsync(HttpClient client, HtmlForm form)
    {
        using var response = await form.SubmitAsync();
        if (response.StatusCode != HttpStatusCode.Found)
        {
            var page = await HtmlPage.ReadAsync(client, response);
            Assert.Fail($"Expected the purchase to be registered (302), got {(int)response.StatusCode}: {string.Join(" | ", ErrorSummary(page))}");
        }

        return await HtmlPage.FollowRedirectAsync(client, response);
    }

    private static async Task<HtmlPage> RefuseAsync(HttpClient client, HtmlForm form)
    {
        var response = await form.SubmitAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlPage.ReadAsync(client, response);
    }

    private static IReadOnlyList<string> ErrorSummary(HtmlPage page) =>
        [.. page.Document.QuerySelectorAll(".error-summary li").Select(li => li.TextContent.Trim())];

    private static IElement PurchaseOn(HtmlPage page, string heading) =>
        page.Document.QuerySelectorAll("section.purchase")
            .SingleOrDefault(s => s.QuerySelector("h3")?.TextContent.Trim() == heading)
        ?? throw new InvalidOperationException(
            $"No purchase '{heading}' listed. Listed: {string.Join(", ", page.Document.QuerySelectorAll("section.purchase h3").Select(h => h.TextContent.Trim()))}.");

    private static (string Held, string Issued, string Remaining) Totals(IElement purchase) =>
        (Total(purchase, "held"), Total(purchase, "issued"), Total(purchase, "remaining"));

    private static string Total(IElement purchase, string name) =>
        purchase.QuerySelector($"[data-total={name}]")!.TextContent.Trim();

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

public sealed class PurchasesPageTestsOnSqlite(ClearinghouseFactory factory) : PurchasesPageTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class PurchasesPageTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory)
    : PurchasesPageTests<PostgreSqlClearinghouseFactory>(factory);
