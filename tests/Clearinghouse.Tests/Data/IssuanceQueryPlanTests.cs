using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.Data.Sqlite;
using static Clearinghouse.Tests.Infrastructure.LicensingRequests;

namespace Clearinghouse.Tests.Data;

/// <summary>
/// What issuing reads of a purchase's key packs stays bounded while a lab issues against one agreement: a migration
/// finds the active key packs (not migrated) on servers other than its target through an index, skipping the migrated
/// ones and the target's own. Before, each migration walked every key pack the agreement ever had — the benchmark's web
/// flows, all migrating one agreement to one server, read about 10,000 rows per submit after two minutes, and each flow
/// cost the portal half as much processor again as at the start. Checked on SQLite's plans of the statements an
/// issuance runs.
/// </summary>
public sealed class IssuanceQueryPlanTests(ClearinghouseFactory factory) : IClassFixture<ClearinghouseFactory>
{
    [Fact]
    public async Task Migration_SeeksTheActiveKeyPacksOfItsPurchaseOnOtherServers()
    {
        var agreement = KeyPacks.NewAgreementNumber();
        await factory.IssueAsync(Agreement(RequestKind.InstallCals, KeyPacks.NewLicenseServerId(), agreement, 10));
        var request = await factory.SaveAsync(Agreement(RequestKind.ManageCals, KeyPacks.NewLicenseServerId(), agreement, 10));
        var log = new ReadLog("FROM \"KeyPacks\"");

        await using (var db = factory.Database.CreateContext(log))
        {
            var outcome = await factory.IssuerOn(db).TryIssueAsync(request.Id, request.Version);
            Assert.Equal(IssueStatus.Issued, outcome.Status);
        }

        var purchaseReads = log.Reads.Where(c => c.Text.Contains("\"PurchaseReference\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(purchaseReads);
        foreach (var read in purchaseReads)
        {
            // Each seek of the index ends at the active key packs (migrated-to null) of the servers before the target
            // or after it, never walking the target's own.
            var plan = await PlanAsync(read);
            var seeks = plan.Split('\n').Where(step => step.StartsWith("SEARCH", StringComparison.Ordinal)).ToList();
            Assert.True(seeks.Count == 2 && seeks.All(seek => seek.Contains("MigratedToKeyPackId=?", StringComparison.Ordinal)) &&
                seeks.Any(seek => seek.Contains("LicenseServerId<?", StringComparison.Ordinal)) &&
                seeks.Any(seek => seek.Contains("LicenseServerId>?", StringComparison.Ordinal)),
                $"The read of the purchase's key packs should seek to the active ones on other servers; its plan:\n{plan}\nfor:\n{read.Text}");
        }
    }

    private async Task<string> PlanAsync(LoggedRead read)
    {
        await using var connection = new SqliteConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + read.Text;
        foreach (var (name, value) in read.Parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var steps = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(3));
        }

        return string.Join('\n', steps);
    }
}
