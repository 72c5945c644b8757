using Clearinghouse.Web.Data;
using Clearinghouse.Web.Pages.Flows;

namespace Clearinghouse.Web.Pages.Console.Calls;

/// <summary>
/// The telephone method: a representative takes a call in the console by walking the site's own flow for the caller.
/// Each telephone flow is made from the site's declaration — same steps, pages, rules, summary and submission — with
/// the caller's country or region asked first (it sets the number the caller rang and the contact's country), its
/// address under /console/calls/, and its result read back on the request's console page. Nothing about a flow is
/// declared twice (see docs/decisions/0007).
/// </summary>
public static class CallFlows
{
    /// <summary>The address under which every telephone flow lives, inside the console.</summary>
    public const string Prefix = "console/calls/";

    /// <summary>The caller step's page: one page for every telephone flow.</summary>
    public const string CallerPage = "/Console/Calls/Caller";

    /// <summary>The page every telephone flow's result is at; it sends the representative to the request's page.</summary>
    public const string ResultPage = "/Console/Calls/Result";

    /// <summary>The telephone flows made from <paramref name="webFlows"/>, in the same order.</summary>
    public static IEnumerable<Flow> Of(params Flow[] webFlows) => webFlows.Select(Telephone);

    /// <summary>The telephone flow made from the site's <paramref name="web"/> flow.</summary>
    public static Flow Telephone(Flow web)
    {
        ArgumentNullException.ThrowIfNull(web);
        return new Flow
        {
            Kind = web.Kind,
            Channel = RequestChannel.Telephone,
            Segment = Prefix + web.Segment,
            TitleKey = web.TitleKey,
            Steps = [new FlowStep(FlowSteps.Caller, "Calls.Step.Caller", CallerPage, HasCaller), .. web.Steps],
            Review = web.Review,
            Submit = web.Submit,
            ResultPage = ResultPage,
            Summary = web.Summary,
            Record = web.Record,
        };
    }

    /// <summary>The caller's country or region is known (the contact step can change it later).</summary>
    private static bool HasCaller(CalRequest request) => request.CountryRegionCode is not null;
}
