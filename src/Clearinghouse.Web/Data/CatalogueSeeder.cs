using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Data;

/// <summary>
/// Seeds what the lab may change at run time — the countries and regions, with the phone number shown for each — at
/// start, not through migrations: rows already there are left as they are, so a lab's numbers survive restarts and
/// upgrades, and only countries missing from the table are added. Several instances may start (and seed) at once.
/// </summary>
public static class CatalogueSeeder
{
    public static async Task SeedAsync(ClearinghouseDbContext db, CancellationToken cancellationToken = default)
    {
        var present = await db.CountriesRegions.AsNoTracking().Select(c => c.Code).ToListAsync(cancellationToken);
        var missing = Catalogue.CountriesRegions.ExceptBy(present, c => c.Code).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        // Copies: the catalogue's own instances are shared by every request and must never be tracked by a context.
        db.CountriesRegions.AddRange(missing.Select(c => c with { }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // Another instance starting at the same time added them first; the rows it added are the same ones.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
