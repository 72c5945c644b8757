using Clearinghouse.Web.Data;

namespace Clearinghouse.Web.Pages.ManageCals;

public static class ManageCalsSetup
{
    /// <summary>
    /// What Manage CALs needs beyond its pages: the limit on starting requests (<see cref="NewRequestRateLimit"/>;
    /// the app must call UseRateLimiter after UseRouting) and the deletion of abandoned drafts (<see cref="DraftPurge"/>).
    /// </summary>
    public static IServiceCollection AddManageCals(this IServiceCollection services) =>
        services.AddNewRequestRateLimit().AddDraftPurge();
}
