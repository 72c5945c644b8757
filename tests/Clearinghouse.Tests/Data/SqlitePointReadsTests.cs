using System.Security.Cryptography;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Tests.Data;

/// <summary>
/// The prepared reads of a repeat installation on an SQLite file (SqlitePointReads) read what EF reads — every column
/// of the mapping, with and without values — and step aside where only the context's own connection sees the truth:
/// inside a transaction.
/// </summary>
public sealed class SqlitePointReadsTests(ClearinghouseFactory factory) : IClassFixture<ClearinghouseFactory>
{
    [Theory]
    [InlineData(typeof(LicenseServer))]
    [InlineData(typeof(KeyPack))]
    [InlineData(typeof(KeyPackInstallation))]
    public async Task Columns_AreEveryColumnTheModelMapsForTheEntity(Type entity)
    {
        var mapped = await factory.WithDbAsync(db => Task.FromResult(Columns(db.Model.FindEntityType(entity)!)));
        var read = entity == typeof(LicenseServer) ? SqlitePointReads.ServerColumns
            : entity == typeof(KeyPack) ? SqlitePointReads.KeyPackColumns
            : SqlitePointReads.InstallationColumns;

        Assert.Equal(mapped.Order(StringComparer.Ordinal), read.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ThePortal_OnAnSqliteFile_HasThem()
    {
        using var scope = factory.Services.CreateScope();
        var db = Assert.IsType<SqliteClearinghouseDbContext>(scope.ServiceProvider.GetRequiredService<ClearinghouseDbContext>());

        Assert.Same(factory.Services.GetRequiredService<SqlitePointReads>(), db.PointReads);
    }

    [Fact]
    public async Task ServerById_WithEveryColumnSet_ReadsWhatEfReads()
    {
        var id = await InsertServerAsync(everyColumn: true);

        await AssertReadsAlikeAsync(
            reads => reads.ServerById(id),
            db => db.LicenseServers.AsNoTracking().SingleAsync(s => s.Id == id));
    }

    [Fact]
    public async Task ServerById_WithOnlyTheRequiredColumns_ReadsWhatEfReads()
    {
        var id = await InsertServerAsync(everyColumn: false);

        await AssertReadsAlikeAsync(
            reads => reads.ServerById(id),
            db => db.LicenseServers.AsNoTracking().SingleAsync(s => s.Id == id));
    }

    [Fact]
    public async Task KeyPack_WithEveryColumnSetAndInstalled_ReadsWhatEfReads()
    {
        var id = await InsertKeyPackAsync(everyColumn: true);

        var read = await AssertReadsAlikeAsync(
            reads => reads.KeyPackWithInstallation(id),
            db => db.KeyPacks.AsNoTracking().Include(k => k.Installation).SingleAsync(k => k.Id == id));
        Assert.NotNull(read.Installation);
    }

    [Fact]
    public async Task KeyPack_WithOnlyTheRequiredColumnsAndNotInstalled_ReadsWhatEfReads()
    {
        var id = await InsertKeyPackAsync(everyColumn: false);

        var read = await AssertReadsAlikeAsync(
            reads => reads.KeyPackWithInstallation(id),
            db => db.KeyPacks.AsNoTracking().Include(k => k.Installation).SingleAsync(k => k.Id == id));
        Assert.Null(read.Installation);
    }

    [Fact]
    public void Reads_OfIdsThatDoNotExist_AreNull()
    {
        var reads = factory.Services.GetRequiredService<SqlitePointReads>();

        Assert.Null(reads.ServerById(KeyPacks.NewLicenseServerId()));
        Assert.Null(reads.KeyPackWithInstallation(KeyPacks.NewKeyPackId()));
    }

    [Fact]
    public async Task Reads_FromManyThreadsAtOnce_EachGetTheirOwnRow()
    {
        var servers = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            servers.Add(await InsertServerAsync(everyColumn: i % 2 == 0));
        }

        var reads = factory.Services.GetRequiredService<SqlitePointReads>();
        var wrong = 0;
        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 32 }, i =>
        {
            var id = servers[i % servers.Count];
            if (reads.ServerById(id)?.Id != id)
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.Equal(0, wrong);
    }

    [Fact]
    public async Task ServerRead_AfterACommit_SeesIt()
    {
        var issued = await factory.IssueAsync();
        Assert.Null((await ReadServerAsync(issued.LicenseServerId))!.DeactivatedAt);

        await factory.WithDbAsync(db => db.LicenseServers.Where(s => s.Id == issued.LicenseServerId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DeactivatedAt, DateTimeOffset.UtcNow)));

        Assert.NotNull((await ReadServerAsync(issued.LicenseServerId))!.DeactivatedAt);
    }

    [Fact]
    public async Task ServerRead_InsideATransaction_SeesTheTransactionsOwnWrites()
    {
        var issued = await factory.IssueAsync();

        var seen = await factory.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var server = await db.LicenseServers.SingleAsync(s => s.Id == issued.LicenseServerId);
            server.DeactivatedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();

            // A read on a connection of its own would not see the deactivation (uncommitted), nor could it wait for the
            // transaction's lock without waiting for itself.
            var read = await HotQueries.ServerByIdAsync(db, issued.LicenseServerId, CancellationToken.None);
            await transaction.RollbackAsync();
            return read;
        });

        Assert.NotNull(seen!.DeactivatedAt);
    }

    [Fact]
    public void Reads_AfterDisposal_AreRefused()
    {
        var reads = new SqlitePointReads(factory.Database.ConnectionString);
        Assert.Null(reads.ServerById(KeyPacks.NewLicenseServerId()));

        reads.Dispose();

        Assert.Throws<ObjectDisposedException>(() => reads.ServerById(KeyPacks.NewLicenseServerId()));
    }

    private Task<LicenseServer?> ReadServerAsync(string id) =>
        factory.WithDbAsync(db => HotQueries.ServerByIdAsync(db, id, CancellationToken.None));

    private async Task<T> AssertReadsAlikeAsync<T>(Func<SqlitePointReads, T?> pointRead, Func<ClearinghouseDbContext, Task<T>> efRead)
        where T : class
    {
        var read = pointRead(factory.Services.GetRequiredService<SqlitePointReads>());
        Assert.NotNull(read);
        await factory.WithDbAsync(async db =>
        {
            var expected = await efRead(db);
            AssertSameColumns(db.Model, expected, read);
        });
        return read;
    }

    // Every mapped property, and those of an owned navigation's target (the installation), compared one by one so that
    // a failure names the property.
    private static void AssertSameColumns(IModel model, object expected, object actual)
    {
        var type = model.FindEntityType(expected.GetType())!;
        foreach (var property in type.GetProperties())
        {
            var want = property.PropertyInfo!.GetValue(expected);
            var got = property.PropertyInfo.GetValue(actual);
            Assert.True(want is byte[] bytes ? got is byte[] other && bytes.SequenceEqual(other) : Equals(want, got),
                $"{type.ClrType.Name}.{property.Name}: EF read {want ?? "null"}, the point read {got ?? "null"}.");
        }

        if (expected is KeyPack { Installation: { } installation })
        {
            AssertSameColumns(model, installation, ((KeyPack)actual).Installation!);
        }
        else if (expected is KeyPack)
        {
            Assert.Null(((KeyPack)actual).Installation);
        }
    }

    private static string[] Columns(IEntityType entity)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return [.. entity.GetProperties().Select(p => p.GetColumnName(table)!)];
    }

    // Straight into the tables, foreign keys off: every column can hold a value of its own, whatever the rules allow
    // together.
    private async Task<string> InsertServerAsync(bool everyColumn)
    {
        var id = KeyPacks.NewLicenseServerId();
        await ExecuteAsync(
            "INSERT INTO \"LicenseServers\" (\"Id\", \"ActivatedAt\", \"CredentialHash\", \"DeactivatedAt\", " +
            "\"DeactivationConfirmationCode\", \"FirstSeenAt\", \"IssuedHere\", \"OperatingSystemCode\", \"ProductId\", " +
            "\"ProductVersionCode\", \"ReplacedAt\", \"ReplacedById\", \"Version\") VALUES ($id, $activated, $hash, $deactivated, " +
            "$code, $firstSeen, $here, $os, $product, $version, $replacedAt, $replacedBy, 7)",
            ("$id", id),
            ("$activated", everyColumn ? Ticks(1) : null),
            ("$hash", everyColumn ? RandomNumberGenerator.GetBytes(32) : null),
            ("$deactivated", everyColumn ? Ticks(2) : null),
            ("$code", everyColumn ? "CONFIRMATION" : null),
            ("$firstSeen", Ticks(3)),
            ("$here", everyColumn ? 1 : 0),
            ("$os", everyColumn ? "windows-server-2019" : null),
            ("$product", everyColumn ? "00490-92005-99454-AT527" : null),
            ("$version", everyColumn ? "windows-server-2022" : null),
            ("$replacedAt", everyColumn ? Ticks(4) : null),
            ("$replacedBy", everyColumn ? KeyPacks.NewLicenseServerId() : null));
        return id;
    }

    private async Task<string> InsertKeyPackAsync(bool everyColumn)
    {
        var id = KeyPacks.NewKeyPackId();
        await ExecuteAsync(
            "INSERT INTO \"KeyPacks\" (\"Id\", \"CalTypeCode\", \"Channel\", \"IssuedAt\", \"LicenseProgramCode\", " +
            "\"LicenseServerId\", \"MigratedAt\", \"MigratedToKeyPackId\", \"ProductVersionCode\", \"PurchaseId\", " +
            "\"PurchaseReference\", \"Purpose\", \"Quantity\", \"RequestId\", \"Version\") VALUES ($id, 'rds-per-device', " +
            "$channel, $issued, 'select', $server, $migratedAt, $migratedTo, 'windows-server-2019', $purchase, $reference, " +
            "$purpose, 17, $request, 3)",
            ("$id", id),
            ("$channel", everyColumn ? "Telephone" : "Automatic"),
            ("$issued", Ticks(5)),
            ("$server", KeyPacks.NewLicenseServerId()),
            ("$migratedAt", everyColumn ? Ticks(6) : null),
            ("$migratedTo", everyColumn ? KeyPacks.NewKeyPackId() : null),
            ("$purchase", everyColumn ? Guid.NewGuid().ToString().ToUpperInvariant() : null),
            ("$reference", everyColumn ? "select:1234567" : null),
            ("$purpose", everyColumn ? "Migration" : "Install"),
            ("$request", everyColumn ? Guid.NewGuid().ToString().ToUpperInvariant() : null));
        if (everyColumn)
        {
            await ExecuteAsync(
                "INSERT INTO \"KeyPackInstallations\" (\"KeyPackId\", \"LicenseServerId\", \"InstalledAt\") VALUES ($id, $server, $at)",
                ("$id", id), ("$server", KeyPacks.NewLicenseServerId()), ("$at", Ticks(7)));
        }

        return id;
    }

    // Distinct instants with a sub-millisecond part, as the portal's clock gives them.
    private static long Ticks(int n) =>
        new DateTimeOffset(2026, 11, 29, 10, n, 0, TimeSpan.Zero).UtcTicks + 1234567 + n;

    private async Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        // The portal creates and migrates its database when it starts.
        _ = factory.Services;
        await using var connection = new SqliteConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using (var off = connection.CreateCommand())
        {
            off.CommandText = "PRAGMA foreign_keys = OFF";
            await off.ExecuteNonQueryAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
