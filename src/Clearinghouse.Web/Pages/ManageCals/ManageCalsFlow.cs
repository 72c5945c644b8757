using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Web.Pages.ManageCals;

public enum ManageCalsStep
{
    Request = 1,
    Contact = 2,
    Program = 3,
    Review = 4,
}

/// <summary>The order of the wizard's steps and where a request goes next.</summary>
public static class ManageCalsFlow
{
    public static readonly IReadOnlyList<(ManageCalsStep Step, string Title)> Steps =
    [
        (ManageCalsStep.Request, "Request"),
        (ManageCalsStep.Contact, "Contact information"),
        (ManageCalsStep.Program, "License program details"),
        (ManageCalsStep.Review, "Review and submit"),
    ];

    public static string TitleOf(ManageCalsStep step) => Steps[(int)step - 1].Title;

    public static string PageOf(ManageCalsStep step) => step switch
    {
        ManageCalsStep.Request => "/ManageCals/Request",
        ManageCalsStep.Contact => "/ManageCals/Contact",
        ManageCalsStep.Program => "/ManageCals/Program",
        ManageCalsStep.Review => "/ManageCals/Review",
    };

    /// <summary>The first step still missing data; the review step when nothing is missing.</summary>
    /// <remarks>
    /// Used after every save, so editing from the review page returns to it — unless the edit made a later step
    /// incomplete (a new license program needs its own details), which is then shown instead.
    /// </remarks>
    public static ManageCalsStep NextStep(CalRequest request) =>
        !CalRequestRules.HasRequest(request) ? ManageCalsStep.Request
        : !CalRequestRules.HasContact(request) ? ManageCalsStep.Contact
        : !CalRequestRules.HasProgramDetails(request) ? ManageCalsStep.Program
        : ManageCalsStep.Review;
}
