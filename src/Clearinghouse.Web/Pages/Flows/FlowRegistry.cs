using Clearinghouse.Web.Data;
using Clearinghouse.Web.Pages.ActivateServer;
using Clearinghouse.Web.Pages.Console.Calls;
using Clearinghouse.Web.Pages.InstallCals;
using Clearinghouse.Web.Pages.ManageCals;
using Clearinghouse.Web.Pages.ReactivateServer;

namespace Clearinghouse.Web.Pages.Flows;

/// <summary>
/// Every flow the portal has: the site's, and the console's telephone flows made from them. A new flow is its pages, its
/// declaration, and one line here.
/// </summary>
public static class FlowRegistry
{
    public static IReadOnlyList<Flow> All { get; } =
    [
        ManageCalsFlow.Declaration,
        InstallCalsFlow.Declaration,
        ActivateServerFlow.Declaration,
        ReactivateServerFlow.Declaration,
        .. CallFlows.Of(ManageCalsFlow.Declaration, InstallCalsFlow.Declaration, ActivateServerFlow.Declaration,
            ReactivateServerFlow.Declaration),
    ];

    /// <summary>The flow that owns requests of <paramref name="kind"/> arriving through <paramref name="channel"/>.</summary>
    public static Flow Of(RequestKind kind, RequestChannel channel = RequestChannel.Web) =>
        All.SingleOrDefault(flow => flow.Kind == kind && flow.Channel == channel)
        ?? throw new ArgumentException($"No flow takes {kind} requests through the {channel} channel.", nameof(kind));

    /// <summary>
    /// The flow and step that <paramref name="page"/> (e.g. "/ManageCals/Contact") shows at <paramref name="path"/>: a
    /// step's page can serve several flows (the site's Manage CALs and the telephone one), told apart by their address.
    /// Null if none.
    /// </summary>
    public static (Flow Flow, FlowStep Step)? StepAt(string page, PathString path) =>
        AtAddress(path) is { } flow && flow.AllSteps.FirstOrDefault(step => step.Page == page) is { } step
            ? (flow, step)
            : null;

    /// <summary>The flow whose result <paramref name="page"/> shows at <paramref name="path"/>; null if none.</summary>
    public static Flow? ResultAt(string page, PathString path) =>
        AtAddress(path) is { } flow && flow.ResultPage == page ? flow : null;

    /// <summary>The flow an address belongs to, by its first segments (e.g. /manage-cals/…); null if none.</summary>
    public static Flow? AtAddress(PathString path) =>
        All.Where(flow => path.StartsWithSegments(flow.StartPath, StringComparison.OrdinalIgnoreCase))
            .MaxBy(flow => flow.StartPath.Length);
}
