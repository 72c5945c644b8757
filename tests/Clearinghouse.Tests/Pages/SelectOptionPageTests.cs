using System.Net;
using Clearinghouse.Tests.Infrastructure;

namespace Clearinghouse.Tests.Pages;

/// <summary>"Select option" (the site's home page): the four options of the licensing site, each a way in to its flow.</summary>
public abstract class SelectOptionPageTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    [Fact]
    public async Task SelectOption_OffersAllFourOptions_EachWithWhatItDoes_NoneComingSoon()
    {
        using var client = factory.CreatePageClient();

        var home = await HtmlPage.GetAsync(client, "/");

        Assert.Equal("Select option", home.Document.QuerySelector("h1")!.TextContent.Trim());
        var options = home.Document.QuerySelectorAll(".options .option").ToList();
        Assert.Equal(
            [
                ("Manage CALs", "/manage-cals"), ("Install client access licenses", "/install-cals"),
                ("Activate a license server", "/activate-server"), ("Reactivate a license server", "/reactivate-server"),
            ],
            options.Select(o => o.QuerySelector("h2 a")).Select(a => (a!.TextContent.Trim(), a.GetAttribute("href"))));
        Assert.All(options, o => Assert.False(string.IsNullOrWhiteSpace(o.QuerySelector("p")?.TextContent), o.TextContent));
        Assert.Empty(home.Document.QuerySelectorAll(".option--soon, .badge"));
        Assert.DoesNotContain("Coming soon", home.Document.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Manage CALs", "Request", "Input_TargetLicenseServerId")]
    [InlineData("Install client access licenses", "Request", "Input_LicenseServerId")]
    [InlineData("Activate a license server", "License server", "Input_ProductId")]
    [InlineData("Reactivate a license server", "License server", "Input_LicenseServerId")]
    public async Task EachOption_LeadsToTheFirstStepOfItsFlow(string option, string heading, string firstField)
    {
        using var client = factory.CreatePageClient();
        var home = await HtmlPage.GetAsync(client, "/");
        var link = home.Document.QuerySelectorAll(".options a").Single(a => a.TextContent.Trim() == option);

        var start = await HtmlPage.GetAsync(client, link.GetAttribute("href")!);

        Assert.Equal(HttpStatusCode.OK, start.Response.StatusCode);
        Assert.Equal(heading, start.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.StartsWith($"{option}: ", start.Document.Title, StringComparison.Ordinal);
        Assert.NotNull(start.Document.QuerySelector($"label[for='{firstField}']"));
        Assert.NotNull(start.Document.QuerySelector("form input[name='__RequestVerificationToken']"));
    }
}

public sealed class SelectOptionPageTestsOnSqlite(ClearinghouseFactory factory) : SelectOptionPageTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class SelectOptionPageTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory) : SelectOptionPageTests<PostgreSqlClearinghouseFactory>(factory);
