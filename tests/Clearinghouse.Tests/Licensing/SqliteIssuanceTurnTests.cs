using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using static Clearinghouse.Tests.Infrastructure.LicensingRequests;

namespace Clearinghouse.Tests.Licensing;

/// <summary>
/// On SQLite, where writers take turns, a drafted request's issuance makes its reads in the write transaction it saves
/// in: an attempt that read first and then queued for its turn found, whenever flows for one server ran side by side,
/// that another issuance had committed meanwhile (four first attempts in ten in the benchmark's web flows), and was made
/// again. The API's issuance keeps reading before its turn (see KeyPackIssuer.InWriteTransactionAsync).
/// </summary>
public sealed class SqliteIssuanceTurnTests(ClearinghouseFactory factory) : IClassFixture<ClearinghouseFactory>
{
    [Fact]
    public async Task Issue_OfADraftedRequest_ReadsInsideTheTransactionItSavesIn()
    {
        var request = await factory.SaveAsync(Agreement(RequestKind.ManageCals, KeyPacks.NewLicenseServerId(), KeyPacks.NewAgreementNumber(), 10));
        var log = new ReadLog();

        await using (var db = factory.Database.CreateContext(log))
        {
            var outcome = await factory.IssuerOn(db).TryIssueAsync(request.Id, request.Version);
            Assert.Equal(IssueStatus.Issued, outcome.Status);
        }

        Assert.NotEmpty(log.Reads);
        Assert.All(log.Reads, read => Assert.True(read.InTransaction, $"Read outside the write transaction:\n{read.Text}"));
    }
}
