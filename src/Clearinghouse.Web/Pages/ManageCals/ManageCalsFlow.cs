using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Flows;

namespace Clearinghouse.Web.Pages.ManageCals;

/// <summary>Manage CALs: move RDS CALs to a new license server, which gets a key pack for them.</summary>
public static class ManageCalsFlow
{
    public static Flow Declaration { get; } = new()
    {
        Kind = RequestKind.ManageCals,
        Segment = "manage-cals",
        Title = "Manage CALs",
        Steps =
        [
            new("request", "Request", "/ManageCals/Request", r =>
                CalRequestRules.HasTargetServer(r) && CalRequestRules.HasReason(r) && CalRequestRules.HasProgram(r)),
            new("contact", "Contact information", "/ManageCals/Contact", CalRequestRules.HasContact),
            new("program", "License program details", "/ManageCals/Program", CalRequestRules.HasProgramDetails),
        ],
        Review = new("review", "Review and submit", "/ManageCals/Review"),
        Submit = KeyPackFlows.IssueAsync,
        ResultPage = "/ManageCals/Result",
        Summary = Summary,
        Record = Record,
    };

    /// <summary>The draft as entered, section by section, as the review page shows it.</summary>
    private static IReadOnlyList<SummarySection> Summary(CalRequest r) =>
    [
        new("Request", "request",
        [
            new(Labels.TargetLicenseServerId, SummaryRows.ServerId(r.TargetLicenseServerId)),
            new(Labels.Reason, Catalogue.FindReason(r.ReasonCode)?.Text),
            new(Labels.LicenseProgram, Catalogue.FindProgram(r.LicenseProgramCode)?.Name),
        ]),
        new("Contact information", "contact", SummaryRows.Contact(r)),
        new("License program details", "program", SummaryRows.ProgramDetails(r)),
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
            new("What was issued", null, SummaryRows.Issued(keyPack, Labels.TargetLicenseServerId)),
            new("Request", null,
            [
                new(Labels.Reason, Catalogue.FindReason(submitted.ReasonCode)?.Text),
                .. SummaryRows.ProgramReferences(submitted, Catalogue.FindProgram(keyPack.LicenseProgramCode)),
            ]),
            new("Contact information", null, SummaryRows.Contact(submitted)),
        ];
    }
}
