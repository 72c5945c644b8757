using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;
using Clearinghouse.Web.Resources;

namespace Clearinghouse.Web.Pages.InstallCals;

/// <summary>
/// Install client access licenses: a first installation of purchased CALs on a license server, which gets a key pack
/// for them. The same data as Manage CALs, but no reason for recovery.
/// </summary>
public static class InstallCalsFlow
{
    public static Flow Declaration { get; } = new()
    {
        Kind = RequestKind.InstallCals,
        Segment = "install-cals",
        TitleKey = "InstallCals.Title",
        Steps =
        [
            new(FlowSteps.Request, "Flows.Step.Request", "/InstallCals/Request", r => CalRequestRules.HasTargetServer(r) && CalRequestRules.HasProgram(r)),
            new(FlowSteps.Contact, "Flows.Step.Contact", "/InstallCals/Contact", CalRequestRules.HasContact),
            new(FlowSteps.Program, "Flows.Step.Program", "/InstallCals/Program", CalRequestRules.HasProgramDetails),
        ],
        Review = new(FlowSteps.Review, "Flows.Step.Review", "/InstallCals/Review"),
        Submit = KeyPackFlows.IssueAsync,
        ResultPage = "/InstallCals/Result",
        Summary = Summary,
        Record = Record,
    };

    private static IReadOnlyList<SummarySection> Summary(CalRequest r) =>
    [
        new(Texts.Get("Flows.Step.Request"), FlowSteps.Request,
        [
            new(Labels.LicenseServerId, SummaryRows.ServerId(r.TargetLicenseServerId)),
            new(Labels.LicenseProgram, CatalogueNames.Program(r.LicenseProgramCode)),
        ]),
        new(Texts.Get("Flows.Step.Contact"), FlowSteps.Contact, SummaryRows.Contact(r)),
        new(Texts.Get("Flows.Step.Program"), FlowSteps.Program, SummaryRows.ProgramDetails(r)),
    ];

    private static IReadOnlyList<SummarySection> Record(CalRequest submitted)
    {
        var keyPack = SummaryRows.KeyPackOf(submitted);
        return
        [
            new(Texts.Get("Summary.Issued"), null, SummaryRows.Issued(keyPack, Labels.LicenseServerId)),
            new(Texts.Get("Summary.ProofOfPurchase"), null, SummaryRows.ProgramReferences(submitted, Catalogue.FindProgram(keyPack.LicenseProgramCode))),
            new(Texts.Get("Flows.Step.Contact"), null, SummaryRows.Contact(submitted)),
        ];
    }
}
