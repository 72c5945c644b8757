using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using Clearinghouse.Web.Resources;

namespace Clearinghouse.Web.Pages.ReactivateServer;

/// <summary>
/// Reactivate a license server: its License Server ID and a reason, then company information, give it a new License
/// Server ID. Its key packs follow it to the new ID, and the old ID is no longer accepted anywhere.
/// </summary>
public static class ReactivateServerFlow
{
    public static Flow Declaration { get; } = new()
    {
        Kind = RequestKind.ReactivateServer,
        Segment = "reactivate-server",
        TitleKey = "Reactivate.Title",
        Steps =
        [
            new(FlowSteps.Request, "Flows.Step.Server", "/ReactivateServer/Request", r =>
                CalRequestRules.HasTargetServer(r) && Catalogue.FindReason(r.ReasonCode)?.Purpose == ReasonPurpose.Reactivation),
            new(FlowSteps.Contact, "Flows.Step.Company", "/ReactivateServer/Contact", CalRequestRules.HasContact),
        ],
        Review = new(FlowSteps.Review, "Flows.Step.Review", "/ReactivateServer/Review"),
        Submit = SubmitAsync,
        ResultPage = "/ReactivateServer/Result",
        Summary = Summary,
        Record = Record,
    };

    /// <summary>The rules' refusals as this flow words them: the person is reactivating the server, not asking for CALs.</summary>
    public static RuleRefusal Worded(RuleRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.Code switch
        {
            ErrorCodes.LicenseServerReactivated => refusal with { Message = Texts.Get("Reactivate.AlreadyReactivated") },
            ErrorCodes.LicenseServerNotActivated => refusal with { Message = Texts.Get("Reactivate.NotActivatedHere") },
            _ => refusal,
        };
    }

    /// <summary>
    /// Submitting issues the new License Server ID and moves the server's key packs to it, once; refused when the
    /// server was reactivated since the first step checked it (by another request, in another tab).
    /// </summary>
    private static async Task<FlowSubmissionOutcome> SubmitAsync(
        IServiceProvider services, CalRequest draft, int? reviewedVersion, CancellationToken cancellationToken)
    {
        var outcome = await services.GetRequiredService<ServerReactivation>()
            .TryReactivateAsync(draft.Id, reviewedVersion, cancellationToken);
        return new(outcome.Status, [.. outcome.Refusals.Select(Worded)]);
    }

    private static IReadOnlyList<SummarySection> Summary(CalRequest r) =>
    [
        new(Texts.Get("Flows.Step.Server"), FlowSteps.Request,
        [
            new(Labels.LicenseServerId, SummaryRows.ServerId(r.TargetLicenseServerId)),
            new(Texts.Get("Reactivate.Reason.Label"), CatalogueNames.Reason(r.ReasonCode)),
        ]),
        new(Texts.Get("Flows.Step.Company"), FlowSteps.Contact, SummaryRows.Contact(r)),
    ];

    /// <summary>
    /// What the request said, frozen since it was submitted; the result page puts the new server and the key packs
    /// that followed it (what was issued) before it (see <see cref="LicenseServerResultModel"/>).
    /// </summary>
    private static IReadOnlyList<SummarySection> Record(CalRequest submitted) =>
    [
        new(Texts.Get("Flows.Step.Server"), null,
        [
            new(Texts.Get("Reactivate.PreviousServerId"), SummaryRows.ServerId(submitted.TargetLicenseServerId)),
            new(Texts.Get("Reactivate.Reason.Label"), CatalogueNames.Reason(submitted.ReasonCode)),
        ]),
        new(Texts.Get("Flows.Step.Company"), null, SummaryRows.Contact(submitted)),
    ];
}
