using System.Net;
using Clearinghouse.Tests.Hosting;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Licensing;
using Clearinghouse.Tests.Pages.ManageCals;
using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Tests.Pages.ActivateServer;

/// <summary>
/// Bad input to Activate and Reactivate a license server is a normal outcome: the page says what is wrong, in the
/// field, and the operator's log shows no error for it (an error there means the portal failed, and pages someone).
/// </summary>
public sealed class LicenseServerRefusalLogTests : IDisposable
{
    // One test client posts every refusal: the limit on starting requests has tests of its own.
    private readonly HostingFactory _factory = new(new Dictionary<string, string?> { ["RateLimits:NewRequestsBurst"] = "100000" });

    [Fact]
    public async Task EveryRefusalOfBothFlows_IsAPageNamingTheField_NeverA500_AndLogsNoError()
    {
        var wizard = new LicenseServerWizard(_factory.CreatePageClient());
        var refusals = new List<(string What, HtmlPage Page)>();
        async Task RefusedAsync(string what, HtmlForm form) => refusals.Add((what, await wizard.RefuseAsync(form)));
        _ = await wizard.OpenAsync("/activate-server");
        _factory.Logs.Clear();

        // Activate: each shape of a bad Product ID, an operating system that is not in the list, no company details.
        foreach (var productId in new[] { "", "00490-9200-99454-AT527", "00490-92005-99454-AT52!", new string('9', 10_000) })
        {
            await RefusedAsync($"Product ID '{productId[..Math.Min(productId.Length, 30)]}'",
                LicenseServerWizard.ActivationForm(await wizard.OpenAsync("/activate-server"), productId));
        }

        var unknownSystem = (await wizard.OpenAsync("/activate-server")).Form().Fill("Product ID", LicensingRequests.NewProductId());
        unknownSystem.Element.QuerySelector("#Input_OperatingSystemCode")!.InnerHtml = "<option value=\"windows-nt-4\" selected>x</option>";
        await RefusedAsync("an operating system not in the list", unknownSystem);
        var contact = await wizard.AcceptAsync(LicenseServerWizard.ActivationForm(await wizard.OpenAsync("/activate-server"), LicensingRequests.NewProductId()));
        await RefusedAsync("no company details", contact.Form());

        // Reactivate: a malformed ID, one from elsewhere not confirmed, no reason, one already reactivated.
        await RefusedAsync("a malformed License Server ID", LicenseServerWizard.ReactivationForm(await wizard.OpenAsync("/reactivate-server"), "BCDFG-HJKMP"));
        await RefusedAsync("an unconfirmed foreign License Server ID", LicenseServerWizard.ReactivationForm(
            await wizard.OpenAsync("/reactivate-server"), IdFormat.LicenseServerId.Format(AlphabetOnlyIds.New(IdFormat.LicenseServerId))));
        await RefusedAsync("no reason", (await wizard.OpenAsync("/reactivate-server")).Form().Fill("License Server ID", KeyPacks.NewLicenseServerId()));
        var old = await _factory.ActivateServerAsync();
        var review = await wizard.ReactivationReviewAsync(old.Id);
        await _factory.ReactivateAsync(old.Id);
        await RefusedAsync("a server reactivated since the step, at submit", review.Form());
        await RefusedAsync("a server already reactivated, at the step",
            LicenseServerWizard.ReactivationForm(await wizard.OpenAsync("/reactivate-server"), IdFormat.LicenseServerId.Format(old.Id)));

        Assert.All(refusals, r =>
        {
            var links = r.Page.Document.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).ToList();
            Assert.True(links.Count > 0, $"{r.What}: no error summary");
            Assert.All(links, href => Assert.Matches("^(#Input_|/reactivate-server/)", href!));
        });
        Assert.Equal(HttpStatusCode.NotFound, (await wizard.Client.GetAsync(new Uri($"/reactivate-server/{Guid.NewGuid()}/request", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await wizard.Client.GetAsync(new Uri("/activate-server/not-a-request/review", UriKind.Relative))).StatusCode);
        Assert.True(_factory.Logs.Errors.Count == 0, string.Join("\n", _factory.Logs.Errors));
        Assert.DoesNotContain(_factory.Logs.Entries, e => e.Exception is not null);
    }

    public void Dispose() => _factory.Dispose();
}
