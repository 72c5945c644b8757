using Clearinghouse.Web.Data;
using Clearinghouse.Web.Pages.ActivateServer;
using Clearinghouse.Web.Pages.InstallCals;
using Clearinghouse.Web.Pages.ManageCals;
using Clearinghouse.Web.Pages.ReactivateServer;

namespace Clearinghouse.Web.Pages.Flows;

/// <summary>Every flow the portal has. A new flow is its pages, its declaration, and one line here.</summary>
public static class FlowRegistry
{
    public static IReadOnlyList<Flow> All { get; } =
    [
        ManageCalsFlow.Declaration,
        InstallCalsFlow.Declaration,
        ActivateServerFlow.Declaration,
        ReactivateServerFlow.Declaration,
    ];

    /// <summary>The flow that owns requests of <paramref name="kind"/> arriving through <paramref name="channel"/>.</summary>
    public static Flow Of(RequestKind kind, RequestChannel channel = RequestChannel.Web) =>
        All.SingleOrDefault(flow => flow.Kind == kind && flow.Channel == channel)
        ?? throw new ArgumentException($"No flow takes {kind} requests through the {channel} channel.", nameof(kind));

    /// <summary>The flow and step that <paramref name="page"/> (e.g. "/ManageCals/Contact") shows; null if none.</summary>
    public static (Flow Flow, FlowStep Step)? StepAt(string page) =>
        All.SelectMany(flow => flow.AllSteps.Select(step => (Flow: flow, Step: step)))
            .Where(place => place.Step.Page == page)
            .Select(place => ((Flow, FlowStep)?)place)
            .SingleOrDefault();

    /// <summary>The flow whose result <paramref name="page"/> shows; null if none.</summary>
    public static Flow? ResultAt(string page) => All.SingleOrDefault(flow => flow.ResultPage == page);

    /// <summary>The flow an address belongs to, by its first segment (e.g. /manage-cals/…); null if none.</summary>
    public static Flow? AtAddress(PathString path) =>
        All.FirstOrDefault(flow => path.StartsWithSegments(flow.StartPath, StringComparison.OrdinalIgnoreCase));
}
