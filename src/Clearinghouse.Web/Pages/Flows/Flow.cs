using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Resources;

namespace Clearinghouse.Web.Pages.Flows;

/// <summary>One step of a flow: a page that asks for part of the request.</summary>
/// <param name="Key">The step's last address segment: /{flow}/{id}/{key}.</param>
/// <param name="TitleKey">
/// The text (Resources/Texts.resx) of what the step is called in its heading, the page title and the progress list,
/// e.g. "Flows.Step.Contact". A step whose part of the request is read back on the review page also has
/// "{TitleKey}.Change": its Change link, which names the part for screen readers ("Change contact information").
/// </param>
/// <param name="Page">The Razor page that shows it, e.g. "/ManageCals/Contact".</param>
/// <param name="IsComplete">
/// Whether the request holds everything this step asks for. Null for the review step, which a request leaves only
/// by being submitted.
/// </param>
public sealed record FlowStep(string Key, string TitleKey, string Page, Func<CalRequest, bool>? IsComplete = null)
{
    /// <summary>What the step is called, in the request's language.</summary>
    public string Title => Texts.Get(TitleKey);

    /// <summary>The key of the text of the step's Change link on the review page.</summary>
    public string ChangeKey => TitleKey + ".Change";
}

/// <summary>What submitting a reviewed request came to.</summary>
/// <param name="Status">
/// Issued; not issuable (no longer the version the person reviewed, or not complete: the review page shows it again);
/// or refused by a rule, with <paramref name="Refusals"/> saying why.
/// </param>
public sealed record FlowSubmissionOutcome(IssueStatus Status, IReadOnlyList<RuleRefusal> Refusals);

/// <summary>Completes a reviewed request: issues what the flow issues, once.</summary>
/// <param name="draft">
/// The request as the review page's post read it: of the flow's kind and channel, not submitted, tracked by the
/// request's own DbContext (the services' scope). A submission may decide on it without reading it again; its version
/// guards the save either way.
/// </param>
public delegate Task<FlowSubmissionOutcome> FlowSubmission(
    IServiceProvider services, CalRequest draft, int? reviewedVersion, CancellationToken cancellationToken);

/// <summary>
/// A flow of the site (Manage CALs, Install client access licenses, …) declared as data: which requests it owns, where
/// it lives, its steps in order, what completes it and where its result is shown. <see cref="FlowPageModel"/> does the
/// rest for every flow, and <see cref="FlowRoutes"/> gives its pages their addresses.
/// </summary>
/// <remarks>See docs/decisions/0007-flows-declared-as-data.md.</remarks>
public sealed class Flow
{
    private readonly IReadOnlyList<FlowStep> _steps = [];
    private readonly FlowStep _review = null!;
    private IReadOnlyList<FlowStep>? _allSteps;

    /// <summary>Which requests belong to the flow; a request of another kind is not found at its addresses.</summary>
    public required RequestKind Kind { get; init; }

    /// <summary>How its requests arrive: the web site's flows take web requests only.</summary>
    public RequestChannel Channel { get; init; } = RequestChannel.Web;

    /// <summary>The flow's first address segment: "/manage-cals" starts a request, "/manage-cals/{id}/…" continues it.</summary>
    public required string Segment { get; init; }

    /// <summary>The text (Resources/Texts.resx) of the flow's name, e.g. "ManageCals.Title".</summary>
    public required string TitleKey { get; init; }

    /// <summary>The flow's name as the site shows it, in the request's language, e.g. "Manage CALs".</summary>
    public string Title => Texts.Get(TitleKey);

    /// <summary>The steps that fill the request, in order. The first one starts a new request.</summary>
    public required IReadOnlyList<FlowStep> Steps
    {
        get => _steps;
        init
        {
            if (value.Count == 0 || value.Any(step => step.IsComplete is null))
            {
                throw new ArgumentException("A flow needs at least one step, and each says when it is complete.", nameof(value));
            }

            _steps = value;
        }
    }

    /// <summary>The step that shows the whole request and submits it.</summary>
    public required FlowStep Review
    {
        get => _review;
        init => _review = value.IsComplete is null
            ? value
            : throw new ArgumentException("The review step is left only by submitting.", nameof(value));
    }

    /// <summary>What submitting the reviewed request does.</summary>
    public required FlowSubmission Submit { get; init; }

    /// <summary>
    /// The page that shows a submitted request's result: the only page such a request still shows. Like a step's page,
    /// it may be the result page of several flows.
    /// </summary>
    public required string ResultPage { get; init; }

    /// <summary>The draft read back on the review page, section by section, each section naming the step that changes it.</summary>
    public required Func<CalRequest, IReadOnlyList<SummarySection>> Summary { get; init; }

    /// <summary>
    /// A submitted request as its result page and receipt show it: what was issued (the request's key pack, or the
    /// License Server ID it was issued) first, then what the request said.
    /// </summary>
    public required Func<CalRequest, IReadOnlyList<SummarySection>> Record { get; init; }

    /// <summary>Every step as the progress list shows them: <see cref="Steps"/>, then <see cref="Review"/>.</summary>
    public IReadOnlyList<FlowStep> AllSteps => _allSteps ??= [.. Steps, Review];

    /// <summary>The address that starts a new request.</summary>
    public string StartPath => "/" + Segment;

    /// <summary>
    /// The address of a step of a request: /{segment}/{id}/{key}. A step's page may serve several flows (the site's and
    /// the telephone one), so addresses come from the flow, not from the page.
    /// </summary>
    public string PathOf(FlowStep step, Guid requestId)
    {
        ArgumentNullException.ThrowIfNull(step);
        return $"{StartPath}/{requestId:D}/{step.Key}";
    }

    /// <summary>The address of a submitted request's result, or of one of its handlers (e.g. "receipt").</summary>
    public string ResultPath(Guid requestId, string? handler = null) =>
        handler is null ? $"{StartPath}/{requestId:D}/result" : $"{StartPath}/{requestId:D}/result/{handler.ToLowerInvariant()}";

    public FlowStep Step(string key) =>
        AllSteps.SingleOrDefault(step => step.Key == key)
        ?? throw new ArgumentException($"The flow {Segment} has no step '{key}'.", nameof(key));

    /// <summary>The step's place in the flow, from 1.</summary>
    public int NumberOf(FlowStep step)
    {
        for (var index = 0; index < AllSteps.Count; index++)
        {
            if (AllSteps[index] == step)
            {
                return index + 1;
            }
        }

        throw new ArgumentException($"The step is not one of {Segment}'s.", nameof(step));
    }

    /// <summary>The step before <paramref name="step"/>, where its Back link goes; null for the first.</summary>
    public FlowStep? Before(FlowStep step) => NumberOf(step) is var number and > 1 ? AllSteps[number - 2] : null;

    /// <summary>The first step still missing data; the review step when nothing is missing.</summary>
    /// <remarks>
    /// Used after every save, so editing from the review page returns to it — unless the edit made a later step
    /// incomplete (a new license program needs its own details), which is then shown instead.
    /// </remarks>
    public FlowStep NextStep(CalRequest request) => Steps.FirstOrDefault(step => !step.IsComplete!(request)) ?? Review;

    /// <summary>Whether every step is complete, so that the request can be submitted.</summary>
    public bool IsComplete(CalRequest request) => Steps.All(step => step.IsComplete!(request));
}

/// <summary>The keys (last address segments) of the steps flows share, so that a step can be found in any flow.</summary>
public static class FlowSteps
{
    /// <summary>The caller's country or region: the first step of a call taken by telephone.</summary>
    public const string Caller = "caller";

    /// <summary>What the request is for: the license server, and for CALs the reason and program.</summary>
    public const string Request = "request";

    public const string Contact = "contact";

    /// <summary>The license program details: proof of purchase and the CALs.</summary>
    public const string Program = "program";

    public const string Review = "review";
}
