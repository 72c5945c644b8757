using Clearinghouse.Web.Data;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Clearinghouse.Web.Pages.Flows;

public static class FlowSetup
{
    /// <summary>
    /// What the flows need beyond their pages: the limit on starting requests (<see cref="NewRequestRateLimit"/>;
    /// the app must call UseRateLimiter after UseRouting), the deletion of abandoned drafts (<see cref="DraftPurge"/>),
    /// and the shared partials of this folder (_ContactFields, _ProgramFields…), found by name from any flow's pages.
    /// Their addresses come from <see cref="FlowRoutes.AddFlowRoutes"/>.
    /// </summary>
    public static IServiceCollection AddFlows(this IServiceCollection services)
    {
        services.Configure<RazorViewEngineOptions>(options =>
            options.PageViewLocationFormats.Add("/Pages/Flows/{0}" + RazorViewEngine.ViewExtension));
        return services.AddNewRequestRateLimit().AddDraftPurge();
    }
}
