using Clearinghouse.Web.Lab;

namespace Clearinghouse.Web.Licensing;

/// <param name="ConfirmationCode">
/// Canonical (<see cref="IdFormat.ConfirmationCode"/>): the code issued now (<see cref="DeactivationOutcome.Deactivated"/>),
/// or the one issued when the server was deactivated by telephone before (<see cref="DeactivationOutcome.AlreadyDeactivated"/>);
/// null otherwise, and for a server deactivated through the API.
/// </param>
public sealed record TelephoneDeactivationResult(DeactivationResult Deactivation, string? ConfirmationCode);

/// <summary>
/// Deactivation by telephone: the representative deactivates the caller's license server and reads out a confirmation
/// code, which the caller types into the license server to finish there. The code is an ID of its own format (5 groups
/// of 5 in the issuing alphabet, each group with its check character), so the license server — or the simulator — can
/// tell a mistyped group before accepting it, and the representative can re-check it group by group
/// (<see cref="ReadBack.CheckGroup"/>). It is stored with the deactivation, so a caller who lost it can have it read
/// out again.
/// </summary>
public sealed class TelephoneDeactivation(ServerDeactivation deactivation, IssuedIds ids)
{
    /// <param name="licenseServerId">Canonical License Server ID.</param>
    public async Task<TelephoneDeactivationResult> DeactivateAsync(string licenseServerId, CancellationToken cancellationToken = default)
    {
        var result = await deactivation.DeactivateAsync(licenseServerId, await ids.NextAsync(IdFormat.ConfirmationCode, cancellationToken), cancellationToken);
        return new TelephoneDeactivationResult(
            result,
            result.Outcome is DeactivationOutcome.Deactivated or DeactivationOutcome.AlreadyDeactivated
                ? result.Server!.DeactivationConfirmationCode
                : null);
    }

    /// <summary>
    /// Reads a confirmation code as the caller types it into the license server: whether it is well-formed and every
    /// group checks out, and if not, which group is wrong (in the current language).
    /// </summary>
    public static IdParseResult Verify(string? typed) => ReadBack.ParseDictation(IdFormat.ConfirmationCode, typed);
}
