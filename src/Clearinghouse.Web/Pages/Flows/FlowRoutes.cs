using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Pages.Flows;

/// <summary>
/// Gives every flow's pages their addresses from its declaration, so a step page is a plain <c>@page</c>:
/// <list type="bullet">
/// <item>the first step: /{segment} (starts a request) and /{segment}/{id}/{key} (edits one);</item>
/// <item>every other step: /{segment}/{id}/{key};</item>
/// <item>the result: /{segment}/{id}/result, and /{segment}/{id}/result/{handler} (e.g. the receipt).</item>
/// </list>
/// A page's own folder address (/ManageCals/Contact) is removed: a request is reached only through its flow.
/// </summary>
public static class FlowRoutes
{
    public static RazorPagesOptions AddFlowRoutes(this RazorPagesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var flow in FlowRegistry.All)
        {
            foreach (var step in flow.AllSteps)
            {
                var start = step == flow.Steps[0] ? flow.Segment : null;
                options.Conventions.AddPageRouteModelConvention(step.Page, page =>
                    Route(page, $"{flow.Segment}/{{id:guid}}/{step.Key}", start));
            }

            options.Conventions.AddPageRouteModelConvention(flow.ResultPage, page =>
                Route(page, $"{flow.Segment}/{{id:guid}}/result/{{handler?}}", start: null));
        }

        return options;
    }

    private static void Route(PageRouteModel page, string template, string? start)
    {
        page.Selectors.Clear();
        page.Selectors.Add(new SelectorModel { AttributeRouteModel = new AttributeRouteModel { Template = template } });
        if (start is not null)
        {
            // Links to a request already started keep using /{segment}/{id}/{key}.
            page.Selectors.Add(new SelectorModel
            {
                AttributeRouteModel = new AttributeRouteModel { Template = start, SuppressLinkGeneration = true },
            });
        }
    }
}
