using Clearinghouse.Web.Data;

namespace Clearinghouse.Web.Licensing;

internal static class Concurrency
{
    /// <summary>
    /// Saves <paramref name="entity"/> with the next SaveChanges though nothing else of it changed: its version moves
    /// on (<see cref="ClearinghouseDbContext"/> bumps it), and the update only applies if nobody saved it since it was
    /// read. So a decision taken on it — the server is not reactivated, the purchase still holds the CALs — holds at
    /// commit, or the save fails and the caller decides again.
    /// </summary>
    public static void Touch<T>(ClearinghouseDbContext db, T entity)
        where T : class => db.Entry(entity).Property("Version").IsModified = true;
}
