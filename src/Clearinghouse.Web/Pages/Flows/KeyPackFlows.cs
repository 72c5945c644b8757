using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Web.Pages.Flows;

/// <summary>What flows that end in a license key pack share.</summary>
public static class KeyPackFlows
{
    /// <summary>Submitting issues the request's key pack, once (see <see cref="KeyPackIssuer.TryIssueAsync"/>).</summary>
    public static async Task<FlowSubmissionOutcome> IssueAsync(
        IServiceProvider services, CalRequest draft, int? reviewedVersion, CancellationToken cancellationToken)
    {
        var outcome = await services.GetRequiredService<KeyPackIssuer>().TryIssueAsync(draft, reviewedVersion, cancellationToken);
        return new(outcome.Status, outcome.Refusals);
    }
}
