using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using Clearinghouse.Web.Resources;

namespace Clearinghouse.Web.Pages.ActivateServer;

/// <summary>
/// Activate a license server: its Product ID and operating system, then company information, give it a new License
/// Server ID. The server is registered with the CAL version its operating system accepts, so that Install client
/// access licenses and Manage CALs refuse newer CALs for it.
/// </summary>
public static class ActivateServerFlow
{
    public static Flow Declaration { get; } = new()
    {
        Kind = RequestKind.ActivateServer,
        Segment = "activate-server",
        TitleKey = "Activate.Title",
        Steps =
        [
            new(FlowSteps.Request, "Flows.Step.Server", "/ActivateServer/Request", HasServer),
            new(FlowSteps.Contact, "Flows.Step.Company", "/ActivateServer/Contact", CalRequestRules.HasContact),
        ],
        Review = new(FlowSteps.Review, "Flows.Step.Review", "/ActivateServer/Review"),
        Submit = SubmitAsync,
        ResultPage = "/ActivateServer/Result",
        Summary = Summary,
        Record = Record,
    };

    /// <summary>Step 1 is complete with a well-formed Product ID and a known operating system.</summary>
    private static bool HasServer(CalRequest r) =>
        IdFormat.ProductId.Parse(r.ProductId).IsWellFormed && Catalogue.FindOperatingSystem(r.OperatingSystemCode) is not null;

    /// <summary>Submitting registers the server and issues its License Server ID, once; an activation is never refused.</summary>
    private static async Task<FlowSubmissionOutcome> SubmitAsync(
        IServiceProvider services, CalRequest draft, int? reviewedVersion, CancellationToken cancellationToken)
    {
        var outcome = await services.GetRequiredService<ServerActivation>()
            .TryActivateAsync(draft.Id, reviewedVersion, cancellationToken);
        return new(outcome.Status, outcome.Refusals);
    }

    private static IReadOnlyList<SummarySection> Summary(CalRequest r) =>
    [
        new(Texts.Get("Flows.Step.Server"), FlowSteps.Request, Server(r)),
        new(Texts.Get("Flows.Step.Company"), FlowSteps.Contact, SummaryRows.Contact(r)),
    ];

    /// <summary>
    /// What the request said, frozen since it was submitted; the result page puts the registered server (what was
    /// issued) before it (see <see cref="LicenseServerResultModel"/>).
    /// </summary>
    private static IReadOnlyList<SummarySection> Record(CalRequest submitted) =>
    [
        new(Texts.Get("Flows.Step.Server"), null, Server(submitted)),
        new(Texts.Get("Flows.Step.Company"), null, SummaryRows.Contact(submitted)),
    ];

    private static IReadOnlyList<SummaryRow> Server(CalRequest r) =>
    [
        new(Texts.Get("Activate.ProductId.Label"), r.ProductId is { } productId ? IdFormat.ProductId.Format(productId) : null),
        new(Texts.Get("Activate.OperatingSystem.Label"), CatalogueNames.OperatingSystem(r.OperatingSystemCode)),
    ];
}
