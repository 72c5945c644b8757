using System.Net;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Pages.ManageCals;

/// <summary>
/// What people type as free text is stored, shown and written to the receipt, so it must be one line of plain text: no
/// control characters or line breaks, no invisible characters that reorder text.
/// </summary>
public abstract class FreeTextTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    [Theory]
    [InlineData("Input.CompanyName", "Contoso\nLicense key pack ID:      BCDFG-HJKMP-QRTVW-XY234-6789B-CDFGH-JKMPQ",
        "Company name contains a line break at character 8; enter it on one line.")]
    [InlineData("Input.CompanyName", "Contoso\r\nLab", "Company name contains a line break at character 8; enter it on one line.")]
    [InlineData("Input.LastName", "Okafor\u001B]8;;http://example.com\u001B\\",
        "Last name or surname contains the control character U+001B at character 7, which is not text; remove it.")]
    [InlineData("Input.City", "Auckland\u0007", "City contains the control character U+0007 at character 9, which is not text; remove it.")]
    [InlineData("Input.StreetAddress", "1 Main St\u202Eevil",
        "Company address contains U+202E at character 10, an invisible character that changes the order text is shown in; remove it.")]
    [InlineData("Input.OrganizationalUnit", "Finance\u2067x\u2069",
        "Organizational unit contains U+2067 at character 8, an invisible character that changes the order text is shown in; remove it.")]
    [InlineData("Input.Email", "ada\u001B@contoso.example",
        "E-mail contains the control character U+001B at character 4, which is not text; remove it.")]
    [InlineData("Input.Phone", "+64\t555 0100", "Phone contains a tab at character 4; type a space instead.")]
    public async Task Contact_WithAControlCharacterLineBreakOrBidiControl_IsRefusedNamingTheFieldAndSavesNothing(
        string field, string value, string message)
    {
        var wizard = new ManageCalsWizard(factory.CreatePageClient());
        var contact = await wizard.RequestAsync(await wizard.OpenAsync(), KeyPacks.NewLicenseServerId());
        var requestId = ManageCalsWizard.RequestIdOf(contact);
        var form = contact.Form()
            .Fill("Last name or surname", "Okafor")
            .Fill("First name or given name", "Ada")
            .Fill("Company name", "Contoso Lab")
            .Fill("Country/region", "New Zealand");

        // Browsers drop line breaks from one-line fields, but anyone can post the form by other means.
        var response = await SubmitWithAsync(wizard.Client, form, field, value);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ReadAsync(wizard.Client, response);
        Assert.Equal([message], ManageCalsWizard.ErrorSummary(page));
        var id = field.Replace('.', '_');
        Assert.Equal("true", page.Document.GetElementById(id)!.GetAttribute("aria-invalid"));
        Assert.Contains(message, page.Document.GetElementById($"{id}-error")!.TextContent, StringComparison.Ordinal);
        var stored = await factory.WithDbAsync(db => db.CalRequests.SingleAsync(r => r.Id == requestId));
        Assert.Null(stored.LastName);
        Assert.Null(stored.CompanyName);
    }

    [Fact]
    public async Task Contact_WithTrailingLineBreaksAndSpaces_IsTakenTrimmed()
    {
        var wizard = new ManageCalsWizard(factory.CreatePageClient());
        var contact = await wizard.RequestAsync(await wizard.OpenAsync(), KeyPacks.NewLicenseServerId());
        var form = contact.Form()
            .Fill("Last name or surname", "Okafor")
            .Fill("First name or given name", "Ada")
            .Fill("Country/region", "New Zealand");

        var response = await SubmitWithAsync(wizard.Client, form, "Input.CompanyName", "  Contoso Lab\r\n");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var requestId = ManageCalsWizard.RequestIdOf(contact);
        Assert.Equal("Contoso Lab", await factory.WithDbAsync(db => db.CalRequests.Where(r => r.Id == requestId).Select(r => r.CompanyName).SingleAsync()));
    }

    [Fact]
    public async Task Program_WithAQuantityWithADecimalComma_IsRefusedRatherThanReadAsTenTimesAsMany()
    {
        var wizard = new ManageCalsWizard(factory.CreatePageClient());
        var program = await wizard.ContactAsync(await wizard.RequestAsync(await wizard.OpenAsync(), KeyPacks.NewLicenseServerId()));

        var page = await wizard.RefuseAsync(program.Form()
            .Fill("Enrollment number", "1234567")
            .Fill("Product version", "Windows Server 2022")
            .Fill("CAL type", "RDS Per User CAL")
            .Fill("Quantity", "1,5"));

        Assert.Equal(
            ["Enter the quantity as a whole number, for example 25 or 1,500; use a comma only between thousands."],
            ManageCalsWizard.ErrorSummary(page));
        var requestId = ManageCalsWizard.RequestIdOf(program);
        Assert.Null(await factory.WithDbAsync(db => db.CalRequests.Where(r => r.Id == requestId).Select(r => r.Quantity).SingleAsync()));
    }

    /// <summary>Submits the form as filled in, with <paramref name="name"/> set to <paramref name="value"/> exactly.</summary>
    private static async Task<HttpResponseMessage> SubmitWithAsync(HttpClient client, HtmlForm form, string name, string value)
    {
        using var request = form.CreateRequest();
        var fields = (await request.Content!.ReadAsStringAsync())
            .Split('&')
            .Select(pair => pair.Split('=', 2))
            .Select(pair => new KeyValuePair<string, string>(
                WebUtility.UrlDecode(pair[0]), WebUtility.UrlDecode(pair[1])))
            .Select(pair => pair.Key == name ? new(name, value) : pair)
            .ToList();
        Assert.Contains(fields, pair => pair.Key == name);
        using var tampered = new HttpRequestMessage(request.Method, request.RequestUri) { Content = new FormUrlEncodedContent(fields) };
        return await client.SendAsync(tampered);
    }
}

public sealed class FreeTextTestsOnSqlite(ClearinghouseFactory factory) : FreeTextTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class FreeTextTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory) : FreeTextTests<PostgreSqlClearinghouseFactory>(factory);
