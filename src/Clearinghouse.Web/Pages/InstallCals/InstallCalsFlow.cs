using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;

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
        Title = "Install client access licenses",
        Steps =
        [
            new("request", "Request", "/InstallCals/Request", r => CalRequestRules.HasTargetServer(r) && CalRequestRules.HasProgram(r)),
            new("contact", "Contact information", "/InstallCals/Contact", CalRequestRules.HasContact),
            new("program", "License program details", "/InstallCals/Program", CalRequestRules.HasProgramDetails),
        ],
        Review = new("review", "Review and submit", "/InstallCals/Review"),
        Submit = KeyPackFlows.IssueAsync,
        ResultPage = "/InstallCals/Result",
        Summary = Summary,
        Record = Record,
    };

    private static IReadOnlyList<SummarySection> Summary(CalRequest r) =>
    [
        new("Request", "request",
        [
            new(Labels.LicenseServerId, SummaryRows.ServerId(r.TargetLicenseServerId)),
            new(Labels.LicenseProgram, Catalogue.FindProgram(r.LicenseProgramCode)?.Name),
        ]),
        new("Contact information", "contact", SummaryRows.Contact(r)),
        new("License program details", "program", SummaryRows.ProgramDetails(r)),
    ];

    private static IReadOnlyList<SummarySection> Record(CalRequest submitted)
    {
        var keyPack = SummaryRows.KeyPackOf(submitted);
        return
        [
            new("What was issued", null, SummaryRows.Issued(keyPack, Labels.LicenseServerId)),
            new("Proof of purchase", null, SummaryRows.ProgramReferences(submitted, Catalogue.FindProgram(keyPack.LicenseProgramCode))),
            new("Contact information", null, SummaryRows.Contact(submitted)),
        ];
    }
}
