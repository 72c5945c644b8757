using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Web.Pages.Flows;

/// <summary>What flows that end in a license key pack share.</summary>
public static class KeyPackFlows
{
    /// <summary>Submitting issues the request's key pack, once (see <see cref="KeyPackIssuer.TryIssueAsync"/>).</summary>
    public static async Task<bool> IssueAsync(
        IServiceProvider services, Guid requestId, int? reviewedVersion, CancellationToken cancellationToken) =>
        await services.GetRequiredService<KeyPackIssuer>().TryIssueAsync(requestId, reviewedVersion, cancellationToken) is not null;
}
