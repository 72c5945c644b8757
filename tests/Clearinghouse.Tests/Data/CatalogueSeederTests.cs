using Clearinghouse.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Clearinghouse.Tests.Data;

public sealed class CatalogueSeederTests
{
    [Fact]
    public async Task Seed_WhenAnotherInstanceSeedsBetweenItsReadAndItsWrite_LetsItWin()
    {
        using var folder = new TemporaryFolder();
        var connectionString = DatabaseSetup.SqliteConnectionString("Data Source=App_Data/clearinghouse.db", folder.Path);
        await using (var setup = Context(connectionString))
        {
            await setup.Database.MigrateAsync();
            // As on PostgreSQL, whose only migration came after the countries left the model: none are there yet.
            await setup.CountriesRegions.ExecuteDeleteAsync();
        }

        // The second instance seeds everything just before the first one saves what it found missing.
        var other = new SeedFirst(connectionString);
        await using var db = Context(connectionString, other);

        await CatalogueSeeder.SeedAsync(db);

        Assert.True(other.Seeded);
        await using var check = Context(connectionString);
        Assert.Equal(249, await check.CountriesRegions.CountAsync());
    }

    private static SqliteClearinghouseDbContext Context(string connectionString, params IInterceptor[] interceptors) =>
        new(new DbContextOptionsBuilder<SqliteClearinghouseDbContext>()
            .UseSqlite(connectionString)
            .AddInterceptors(interceptors)
            .Options);

    private sealed class SeedFirst(string connectionString) : SaveChangesInterceptor
    {
        public bool Seeded { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!Seeded)
            {
                Seeded = true;
                await using var first = Context(connectionString);
                await CatalogueSeeder.SeedAsync(first, cancellationToken);
            }

            return result;
        }
    }
}
