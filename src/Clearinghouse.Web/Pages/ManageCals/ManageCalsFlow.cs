using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using Clearinghouse.Web.Resources;

namespace Clearinghouse.Web.Pages.ManageCals;

/// <summary>Manage CALs: move RDS CALs to a new license server, which gets a key pack for them.</summary>
public static class ManageCalsFlow
{
    public static Flow Declaration { get; } = new()
    {
        Kind = RequestKind.ManageCals,
        Segment = "manage-cals",
        TitleKey = "ManageCals.Title",
        Steps =
        [
            new(FlowSteps.Request, "Flows.Step.Request", "/ManageCals/Request", r =>
                CalRequestRules.HasTargetServer(r) && CalRequestRules.HasReason(r) && CalRequestRules.HasProgram(r)),
            new(FlowSteps.Contact, "Flows.Step.Contact", "/ManageCals/Contact", CalRequestRules.HasContact),
            new(FlowSteps.Program, "Flows.Step.Program", "/ManageCals/Program", CalRequestRules.HasProgramDetails),
        ],
        Review = new(FlowSteps.Review, "Flows.Step.Review", "/ManageCals/Review"),
        Submit = KeyPackFlows.IssueAsync,
        ResultPage = "/ManageCals/Result",
        Summary = Summary,
        Record = Record,
    };

    /// <summary>The draft as entered, section by section, as the review page shows it, in the reader's language.</summary>
    private static IReadOnlyList<SummarySection> Summary(CalRequest r) =>
    [
        new(Texts.Get("Flows.Step.Request"), FlowSteps.Request,
        [
            new(Labels.TargetLicenseServerId, SummaryRows.ServerId(r.TargetLicenseServerId)),
            new(Labels.Reason, CatalogueNames.Reason(r.ReasonCode)),
            new(Labels.LicenseProgram, CatalogueNames.Program(r.LicenseProgramCode)),
        ]),
        new(Texts.Get("Flows.Step.Contact"), FlowSteps.Contact, SummaryRows.Contact(r)),
        new(Texts.Get("Flows.Step.Program"), FlowSteps.Program, SummaryRows.ProgramDetails(r)),
    ];

    /// <summary>
    /// What was issued, for the result page and the receipt: the key pack first, then only what it does not hold (the
    /// reason, the proof of purchase, who asked) from its request, which is frozen once submitted.
    /// </summary>
    private static IReadOnlyList<SummarySection> Record(CalRequest submitted)
    {
        var keyPack = SummaryRows.KeyPackOf(submitted);
        return
        [
            new(Texts.Get("Summary.Issued"), null, SummaryRows.Issued(keyPack, Labels.TargetLicenseServerId)),
            new(Texts.Get("Flows.Step.Request"), null,
            [
                new(Labels.Reason, CatalogueNames.Reason(submitted.ReasonCode)),
                .. SummaryRows.ProgramReferences(submitted, Catalogue.FindProgram(keyPack.LicenseProgramCode)),
            ]),
            new(Texts.Get("Flows.Step.Contact"), null, SummaryRows.Contact(submitted)),
        ];
    }
}
