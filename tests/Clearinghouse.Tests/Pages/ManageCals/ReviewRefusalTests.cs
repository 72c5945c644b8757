using System.Net;
using Clearinghouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Tests.Pages.ManageCals;

/// <summary>
/// Submitting on the review page when a licensing rule refuses the request as it stands: the review page again, saying
/// why, and nothing issued.
/// </summary>
public abstract class ReviewRefusalTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    [Fact]
    public async Task Submit_ForAServerReactivatedSinceItWasEntered_ShowsWhyAndIssuesNothing()
    {
        var wizard = new ManageCalsWizard(factory.CreatePageClient());
        var old = await factory.ActivateServerAsync();
        var review = await wizard.UpToReviewAsync(old.Id);
        await factory.ReactivateAsync(old.Id);

        using var response = await review.Form().SubmitAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ReadAsync(wizard.Client, response);
        var error = Assert.Single(ManageCalsWizard.ErrorSummary(page));
        Assert.StartsWith("This license server has been reactivated since: it was given a new License Server ID", error, StringComparison.Ordinal);
        var requestId = ManageCalsWizard.RequestIdOf(review);
        Assert.Null((await factory.RequestAsync(requestId)).SubmittedAt);
        Assert.False(await factory.WithDbAsync(db => db.KeyPacks.AnyAsync(k => k.RequestId == requestId)));
    }
}

public sealed class ReviewRefusalTestsOnSqlite(ClearinghouseFactory factory) : ReviewRefusalTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class ReviewRefusalTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory) : ReviewRefusalTests<PostgreSqlClearinghouseFactory>(factory);
