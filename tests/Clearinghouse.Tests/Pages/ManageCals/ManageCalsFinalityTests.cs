using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Clearinghouse.Tests.Pages.ManageCals;

/// <summary>
/// A submitted request is final: what was issued is the record, and no form post — from a stale tab, racing the
/// submit, or naming another request — changes it.
/// </summary>
public abstract class ManageCalsFinalityTests<TFactory>(TFactory factory, ITestOutputHelper output) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    private const int Rounds = 40;

    [Fact]
    public async Task Submit_RacingStaleStepPosts_IssuesExactlyWhatTheRequestReceiptAndInstallSay()
    {
        var disagreements = new List<string>();
        var serverErrors = 0;
        var staleFirst = 0;
        for (var round = 1; round <= Rounds; round++)
        {
            var wizard = new ManageCalsWizard(factory.CreatePageClient());
            var serverId = KeyPacks.NewLicenseServerId();
            var review = await wizard.UpToReviewAsync(serverId);
            var requestId = ManageCalsWizard.RequestIdOf(review);

            // Stale tabs, opened before the submit, each about to post a change to its step.
            var requestStep = (await wizard.OpenAsync($"/manage-cals/{requestId}/request")).Form()
                .Fill("Target License Server ID", KeyPacks.NewLicenseServerId());
            var programStep = (await wizard.OpenAsync($"/manage-cals/{requestId}/program")).Form()
                .Fill("Quantity", "40");
            var contactStep = (await wizard.OpenAsync($"/manage-cals/{requestId}/contact")).Form()
                .Fill("Company name", "Changed Afterwards Ltd");
            HttpRequestMessage[] posts =
            [
                review.Form().CreateRequest(),
                requestStep.CreateRequest(),
                programStep.CreateRequest(),
                contactStep.CreateRequest(),
            ];

            var responses = await Task.WhenAll(posts.Select(post => Task.Run(() => wizard.Client.SendAsync(post))));

            serverErrors += responses.Count(r => (int)r.StatusCode >= 500);
            if (responses[0].Headers.Location?.OriginalString == $"/manage-cals/{requestId}/review?changed=true")
            {
                // A stale step saved first, so the request is no longer what was reviewed: nothing may be issued
                // until the person has read it again. Then submitting issues what they read.
                staleFirst++;
                if (await factory.WithDbAsync(db => db.KeyPacks.AnyAsync(k => k.RequestId == requestId)))
                {
                    disagreements.Add($"round {round}: the submit was sent back to review, yet a key pack was issued");
                }

                var reread = await wizard.OpenAsync($"/manage-cals/{requestId}/review?changed=true");
                if (reread.Document.GetElementById("changed-notice") is null)
                {
                    disagreements.Add($"round {round}: the review page did not say the request had changed");
                }

                await wizard.AcceptAsync(reread.Form());
            }

            if (await DisagreementAsync(wizard, requestId) is { } disagreement)
            {
                disagreements.Add($"round {round}: {disagreement}");
            }
        }

        output.WriteLine($"{Rounds} rounds: {disagreements.Count} disagreements, {serverErrors} server errors; " +
                         $"in {staleFirst} a stale step was saved before the submit, which was sent back to review.");
        Assert.True(disagreements.Count == 0 && serverErrors == 0,
            $"{Rounds} rounds: {disagreements.Count} disagreements, {serverErrors} server errors.\n" +
            string.Join('\n', disagreements));
    }

    [Fact]
    public async Task Submit_OfAReviewPageShownBeforeAnotherTabChangedTheRequest_IssuesNothingAndShowsItAgain()
    {
        var wizard = new ManageCalsWizard(factory.CreatePageClient());
        var review = await wizard.UpToReviewAsync(KeyPacks.NewLicenseServerId());
        var requestId = ManageCalsWizard.RequestIdOf(review);
        var otherTab = new ManageCalsWizard(factory.CreatePageClient());
        await otherTab.AcceptAsync((await otherTab.OpenAsync($"/manage-cals/{requestId}/program")).Form().Fill("Quantity", "40"));

        var sentBack = await wizard.AcceptAsync(review.Form());

        Assert.Equal("review", ManageCalsWizard.Step(sentBack));
        Assert.NotNull(sentBack.Document.GetElementById("changed-notice"));
        Assert.Contains("40", IssuedRecord.Rows(sentBack)["Quantity"], StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.KeyPacks.AnyAsync(k => k.RequestId == requestId)));

        var result = await wizard.AcceptAsync(sentBack.Form());

        Assert.Equal("result", ManageCalsWizard.Step(result));
        Assert.Equal(40, await factory.WithDbAsync(db => db.KeyPacks.Where(k => k.RequestId == requestId).Select(k => k.Quantity).SingleAsync()));
    }

    [Fact]
    public async Task Submit_WithAnotherRequestsIdInTheForm_IssuesOnlyTheRequestInTheAddress()
    {
        var wizard = new ManageCalsWizard(factory.CreatePageClient());
        var reviewA = await wizard.UpToReviewAsync(KeyPacks.NewLicenseServerId());
        var reviewB = await wizard.UpToReviewAsync(KeyPacks.NewLicenseServerId());
        var (idA, idB) = (ManageCalsWizard.RequestIdOf(reviewA), ManageCalsWizard.RequestIdOf(reviewB));

        var response = await WithField(reviewA.Form(), "id", idB.ToString()).SubmitAsync();

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal($"/manage-cals/{idA}/result", response.Headers.Location!.OriginalString);
        var issued = await factory.WithDbAsync(db =>
            db.KeyPacks.Where(k => k.RequestId == idA || k.RequestId == idB).Select(k => k.RequestId).ToListAsync());
        Assert.Equal([idA], issued);
    }

    [Fact]
    public async Task Step_WithAnotherRequestsIdInTheForm_ChangesOnlyTheRequestInTheAddress()
    {
        var wizard = new ManageCalsWizard(factory.CreatePageClient());
        var reviewA = await wizard.UpToReviewAsync(KeyPacks.NewLicenseServerId());
        var reviewB = await wizard.UpToReviewAsync(KeyPacks.NewLicenseServerId());
        var (idA, idB) = (ManageCalsWizard.RequestIdOf(reviewA), ManageCalsWizard.RequestIdOf(reviewB));
        var contactA = (await wizard.OpenAsync($"/manage-cals/{idA}/contact")).Form().Fill("Company name", "Fabrikam");

        var response = await WithField(contactA, "id", idB.ToString()).SubmitAsync();

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal($"/manage-cals/{idA}/review", response.Headers.Location!.OriginalString);
        var companies = await factory.WithDbAsync(db => db.CalRequests
            .Where(r => r.Id == idA || r.Id == idB).ToDictionaryAsync(r => r.Id, r => r.CompanyName));
        Assert.Equal("Fabrikam", companies[idA]);
        Assert.Equal("Contoso Lab", companies[idB]);
    }

    /// <summary>Adds a hidden field to the form, as a crafted page or a tampering proxy could.</summary>
    private static HtmlForm WithField(HtmlForm form, string name, string value)
    {
        var input = form.Element.Owner!.CreateElement("input");
        input.SetAttribute("type", "hidden");
        input.SetAttribute("name", name);
        input.SetAttribute("value", value);
        form.Element.AppendChild(input);
        return form;
    }

    /// <summary>What, if anything, disagrees with the key pack the database holds for the request.</summary>
    private async Task<string?> DisagreementAsync(ManageCalsWizard wizard, Guid requestId)
    {
        var (request, keyPack) = await factory.WithDbAsync(async db =>
        {
            var stored = await db.CalRequests.AsNoTracking().Include(r => r.KeyPack).SingleAsync(r => r.Id == requestId);
            return (stored, stored.KeyPack);
        });
        if (keyPack is null)
        {
            return "no key pack was issued";
        }

        var problems = new List<string>();
        void Expect<T>(string what, T issued, T shown)
        {
            if (!EqualityComparer<T>.Default.Equals(issued, shown))
            {
                problems.Add($"{what} says {shown}, the key pack {issued}");
            }
        }

        var server = IdFormat.LicenseServerId.Format(keyPack.LicenseServerId);
        var quantity = keyPack.Quantity.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        Expect("the stored request's server", keyPack.LicenseServerId, request.TargetLicenseServerId);
        Expect("the stored request's quantity", keyPack.Quantity, request.Quantity);
        Expect("the stored request's submission time", keyPack.IssuedAt, request.SubmittedAt);

        var result = await wizard.OpenAsync($"/manage-cals/{requestId}/result");
        var shown = IssuedRecord.Rows(result);
        Expect("the result page's key pack ID", IdFormat.KeyPackId.Format(keyPack.Id), ManageCalsWizard.KeyPackIdOn(result));
        Expect("the result page's server", server, shown.GetValueOrDefault("Target License Server ID"));
        Expect("the result page's quantity", quantity, shown.GetValueOrDefault("Quantity"));

        var receipt = await wizard.Client.GetStringAsync(new Uri($"/manage-cals/{requestId}/result/receipt", UriKind.Relative));
        var receiptServer = IssuedRecord.ReceiptValue(receipt, "Target License Server ID");
        Expect("the receipt's key pack ID", IdFormat.KeyPackId.Format(keyPack.Id), IssuedRecord.ReceiptValue(receipt, "License key pack ID"));
        Expect("the receipt's server", server, receiptServer);
        Expect("the receipt's quantity", quantity, IssuedRecord.ReceiptValue(receipt, "Quantity"));

        // The server named on the receipt installs the key pack, and gets what was issued.
        using var api = factory.CreateClient();
        var install = await api.PostAsJsonAsync(
            $"/api/v1/license-servers/{receiptServer}/key-pack-installations", new { keyPackId = keyPack.Id });
        if (install.StatusCode != HttpStatusCode.OK)
        {
            problems.Add($"the receipt's server gets {(int)install.StatusCode} installing the key pack");
        }
        else
        {
            var contents = await install.Content.ReadFromJsonAsync<JsonElement>();
            Expect("the installed quantity", keyPack.Quantity, contents.GetProperty("quantity").GetInt32());
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}

/// <summary>Reads what the result page and the receipt say was issued.</summary>
internal static class IssuedRecord
{
    /// <summary>The label → value rows a page shows (the first of each label).</summary>
    public static Dictionary<string, string> Rows(HtmlPage page) =>
        page.Document.QuerySelectorAll(".summary__row")
            .Select(row => (Label: row.QuerySelector("dt")?.TextContent.Trim(), Value: row.QuerySelector("dd")?.TextContent.Trim()))
            .Where(row => row.Label is not null && row.Value is not null)
            .DistinctBy(row => row.Label)
            .ToDictionary(row => row.Label!, row => row.Value!);

    /// <summary>The value on the receipt's "Label:" line.</summary>
    public static string? ReceiptValue(string receipt, string label) =>
        receipt.Split('\n')
            .FirstOrDefault(line => line.StartsWith(label + ":", StringComparison.Ordinal))?[(label.Length + 1)..].Trim();
}

public sealed class ManageCalsFinalityTestsOnSqlite(ClearinghouseFactory factory, ITestOutputHelper output)
    : ManageCalsFinalityTests<ClearinghouseFactory>(factory, output);

[Trait("Database", "PostgreSql")]
public sealed class ManageCalsFinalityTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory, ITestOutputHelper output)
    : ManageCalsFinalityTests<PostgreSqlClearinghouseFactory>(factory, output);
