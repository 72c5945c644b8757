using System.Net;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Pages.ActivateServer;
using Clearinghouse.Tests.Pages.InstallCals;
using Clearinghouse.Tests.Pages.ManageCals;
using Clearinghouse.Web.Hosting;

namespace Clearinghouse.Tests.Hosting;

/// <summary>
/// Pages that show a person's contact details — every flow's review, result and receipt, the console — are never kept
/// by a browser or a proxy (Cache-Control: no-store), and carry the security headers; static files may be cached.
/// </summary>
public sealed class CachingTests(ClearinghouseFactory factory) : IClassFixture<ClearinghouseFactory>
{
    [Fact]
    public async Task ManageCals_ReviewResultAndReceipt_AreNotStored()
    {
        var wizard = new ManageCalsWizard(factory.CreatePageClient());
        var review = await wizard.UpToReviewAsync(KeyPacks.NewLicenseServerId());
        var result = await wizard.AcceptAsync(review.Form());

        AssertNotStored(review.Response, result.Response);
        await AssertNotStoredAsync(wizard.Client, Receipt(result.Address));
    }

    [Fact]
    public async Task InstallCals_ReviewResultAndReceipt_AreNotStored()
    {
        var wizard = new InstallCalsWizard(factory.CreatePageClient());
        var review = await wizard.UpToReviewAsync(KeyPacks.NewLicenseServerId());
        var result = await wizard.AcceptAsync(review.Form());

        AssertNotStored(review.Response, result.Response);
        await AssertNotStoredAsync(wizard.Client, Receipt(result.Address));
    }

    [Fact]
    public async Task ActivateAndReactivate_ReviewResultAndReceipt_AreNotStored()
    {
        var wizard = new LicenseServerWizard(factory.CreatePageClient());
        var activationReview = await wizard.ActivationReviewAsync();
        var activated = await wizard.AcceptAsync(activationReview.Form());
        var reactivationReview = await wizard.ReactivationReviewAsync(LicenseServerWizard.ServerIdOn(activated));
        var reactivated = await wizard.AcceptAsync(reactivationReview.Form());

        AssertNotStored(activationReview.Response, activated.Response, reactivationReview.Response, reactivated.Response);
        await AssertNotStoredAsync(wizard.Client, Receipt(activated.Address), Receipt(reactivated.Address));
    }

    [Fact]
    public async Task ConsolePages_AreNotStored()
    {
        var issued = await factory.IssueAsync();
        var requestId = await factory.WithDbAsync(db => Task.FromResult(db.KeyPacks.Where(k => k.Id == issued.KeyPackId).Select(k => k.RequestId).Single()));
        using var client = await factory.SignedInAsync(ConsoleAccounts.Administrator);

        await AssertNotStoredAsync(client,
            new Uri("/console", UriKind.Relative), new Uri("/console/search?q=Contoso", UriKind.Relative),
            new Uri($"/console/requests/{requestId}", UriKind.Relative), new Uri("/console/admin/users", UriKind.Relative),
            new Uri("/console/admin/audit", UriKind.Relative), new Uri("/lab/purchases", UriKind.Relative),
            new Uri("/console/calls/deactivate", UriKind.Relative));
    }

    [Fact]
    public async Task StaticFilesAndTheCatalogue_MayBeCached()
    {
        using var client = factory.CreateClient();

        foreach (var path in (string[])["/css/site.css", "/js/site.js", "/api/v1/catalog"])
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.CacheControl?.NoStore == true, $"{path}: Cache-Control: {response.Headers.CacheControl}");
            ProductionDefaultsTests.AssertSecurityHeaders(response, SecurityHeaders.SitePolicy);
        }
    }

    private static Uri Receipt(Uri result) => new(result, result.AbsolutePath + "/receipt");

    private static async Task AssertNotStoredAsync(HttpClient client, params Uri[] addresses)
    {
        foreach (var address in addresses)
        {
            using var response = await client.GetAsync(address);
            AssertNotStored(response);
        }
    }

    private static void AssertNotStored(params HttpResponseMessage[] responses)
    {
        foreach (var response in responses)
        {
            var address = response.RequestMessage?.RequestUri;
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{address} answered {(int)response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{address}: Cache-Control: {response.Headers.CacheControl}");
            ProductionDefaultsTests.AssertSecurityHeaders(response, SecurityHeaders.SitePolicy);
        }
    }
}
