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
/// A page's own folder address (/ManageCals/Contact) is removed: a request is reached only through its flow. Links to a
/// flow's pages come from the flow (<see cref="Flow.PathOf"/>), since a page can have several flows' addresses.
/// </summary>
public static class FlowRoutes
{
    public static RazorPagesOptions AddFlowRoutes(this RazorPagesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // A page may serve several flows (a step of the site's flow is also a step of its telephone flow): each gets
        // one convention with every flow's addresses.
        var routes = new Dictionary<string, List<(string Template, bool LinkGeneration)>>(StringComparer.Ordinal);
        void Add(string page, string template, bool linkGeneration = true)
        {
            if (!routes.TryGetValue(page, out var templates))
            {
                routes[page] = templates = [];
            }

            templates.Add((template, linkGeneration));
        }

        foreach (var flow in FlowRegistry.All)
        {
            foreach (var step in flow.AllSteps)
            {
                Add(step.Page, $"{flow.Segment}/{{id:guid}}/{step.Key}");
                if (step == flow.Steps[0])
                {
                    // Links to a request already started keep using /{segment}/{id}/{key}.
                    Add(step.Page, flow.Segment, linkGeneration: false);
                }
            }

            Add(flow.ResultPage, $"{flow.Segment}/{{id:guid}}/result/{{handler?}}");
        }

        foreach (var (page, templates) in routes)
        {
            options.Conventions.AddPageRouteModelConvention(page, model =>
            {
                model.Selectors.Clear();
                foreach (var (template, linkGeneration) in templates)
                {
                    model.Selectors.Add(new SelectorModel
                    {
                        AttributeRouteModel = new AttributeRouteModel { Template = template, SuppressLinkGeneration = !linkGeneration },
                    });
                }
            });
        }

        return options;
    }
}
