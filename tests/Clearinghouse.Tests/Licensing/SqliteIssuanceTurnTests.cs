using System.Data.Common;
using System.Security.Cryptography;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Auditing;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Hosting;
using Clearinghouse.Web.Lab;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
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
        var reads = new Reads();

        await using (var db = factory.Database.CreateContext(reads))
        {
            var outcome = await IssuerOn(db).TryIssueAsync(request.Id, request.Version);
            Assert.Equal(IssueStatus.Issued, outcome.Status);
        }

        Assert.NotEmpty(reads.All);
        Assert.All(reads.All, read => Assert.True(read.InTransaction, $"Read outside the write transaction:\n{read.Text}"));
    }

    private KeyPackIssuer IssuerOn(ClearinghouseDbContext db) =>
        new(db, new IssuedIds(db, RandomNumberGenerator.Create(), factory.Services.GetRequiredService<LabState>()),
            TimeProvider.System, new LicensingRules(db, LicensingModeSource.Fixed(LicensingMode.Lenient)),
            new AuditLog(db, TimeProvider.System, new HttpContextAccessor()),
            factory.Services.GetRequiredService<ClearinghouseMetrics>());

    /// <summary>Every query the context runs, and whether it ran in a transaction.</summary>
    private sealed class Reads : DbCommandInterceptor
    {
        private readonly List<(string Text, bool InTransaction)> _reads = [];

        public IReadOnlyList<(string Text, bool InTransaction)> All
        {
            get
            {
                lock (_reads)
                {
                    return [.. _reads];
                }
            }
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Capture(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Capture(command);
            return ValueTask.FromResult(result);
        }

        private void Capture(DbCommand command)
        {
            if (!command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            lock (_reads)
            {
                _reads.Add((command.CommandText, command.Transaction is not null));
            }
        }
    }
}
