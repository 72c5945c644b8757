using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Pages.ManageCals;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Tests.Data;

public abstract class DraftPurgeTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ClearinghouseFactory
{
    [Fact]
    public async Task Purge_DeletesDraftsLeftLongerThanMaxAge_AndKeepsFreshDraftsAndSubmittedRequests()
    {
        // The portal starts 31 days in the past and is then brought to the present, so only this test's own drafts
        // are old: other tests' drafts in the same database stay fresh, whichever database it is.
        var clock = new MovableClock(TimeSpan.FromDays(-31));
        using var portal = factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Drafts:MaxAge", "30.00:00:00");
            builder.UseSetting("Drafts:PurgeInterval", "00:00:00.100");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        });
        var wizard = new ManageCalsWizard(portal.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = ClearinghouseFactory.SecureAddress }));
        var oldDraft = ManageCalsWizard.RequestIdOf(await wizard.ContactAsync(
            await wizard.RequestAsync(await wizard.OpenAsync(), KeyPacks.NewLicenseServerId())));
        var oldSubmitted = ManageCalsWizard.RequestIdOf(await wizard.IssueAsync(KeyPacks.NewLicenseServerId()));

        clock.Move(TimeSpan.FromDays(31));
        var freshDraft = ManageCalsWizard.RequestIdOf(
            await wizard.RequestAsync(await wizard.OpenAsync(), KeyPacks.NewLicenseServerId()));

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await ExistsAsync(oldDraft) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.False(await ExistsAsync(oldDraft), "The draft left for 31 days was not deleted.");
        Assert.True(await ExistsAsync(freshDraft), "The fresh draft was deleted.");
        Assert.True(await ExistsAsync(oldSubmitted), "The submitted request was deleted.");
        var oldPage = await wizard.Client.GetAsync(new Uri($"/manage-cals/{oldDraft}/program", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, oldPage.StatusCode);
    }

    private Task<bool> ExistsAsync(Guid requestId) =>
        factory.WithDbAsync(db => db.CalRequests.AnyAsync(r => r.Id == requestId));

    /// <summary>The system clock, shifted: timers run in real time, but "now" can be moved.</summary>
    private sealed class MovableClock(TimeSpan offset) : TimeProvider
    {
        private long _offsetTicks = offset.Ticks;

        public void Move(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() =>
            base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
    }
}

public sealed class DraftPurgeTestsOnSqlite(ClearinghouseFactory factory) : DraftPurgeTests<ClearinghouseFactory>(factory);

[Trait("Database", "PostgreSql")]
public sealed class DraftPurgeTestsOnPostgreSql(PostgreSqlClearinghouseFactory factory) : DraftPurgeTests<PostgreSqlClearinghouseFactory>(factory);
