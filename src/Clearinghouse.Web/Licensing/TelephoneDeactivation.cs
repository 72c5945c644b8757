using System.Security.Cryptography;

namespace Clearinghouse.Web.Licensing;

/// <param name="ConfirmationCode">
/// Canonical (<see cref="IdFormat.ConfirmationCode"/>), when <see cref="DeactivationResult.Outcome"/> is
/// <see cref="DeactivationOutcome.Deactivated"/>; null otherwise.
/// </param>
public sealed record TelephoneDeactivationResult(DeactivationResult Deactivation, string? ConfirmationCode);

/// <summary>
/// Deactivation by telephone: the representative deactivates the caller's license server and reads out a confirmation
/// code, which the caller types into the license server to finish there. The code is an ID of its own format (5 groups
/// of 5 in the issuing alphabet, each group with its check character), so the license server — or the simulator — can
/// tell a mistyped group before accepting it, and the representative can re-check it group by group
/// (<see cref="ReadBack.CheckGroup"/>).
/// </summary>
/// <remarks>
/// The code is drawn at random and shown once: nothing stores it yet (that needs a column on the license server), so
/// it cannot be shown again, and a second deactivation of the same server is <see cref="DeactivationOutcome.AlreadyDeactivated"/>
/// with no code.
/// </remarks>
public sealed class TelephoneDeactivation(ServerDeactivation deactivation, RandomNumberGenerator random)
{
    /// <param name="licenseServerId">Canonical License Server ID.</param>
    public async Task<TelephoneDeactivationResult> DeactivateAsync(string licenseServerId, CancellationToken cancellationToken = default)
    {
        var result = await deactivation.DeactivateAsync(licenseServerId, cancellationToken);
        return new TelephoneDeactivationResult(
            result, result.Outcome == DeactivationOutcome.Deactivated ? IdFormat.ConfirmationCode.Generate(random) : null);
    }

    /// <summary>
    /// Reads a confirmation code as the caller types it into the license server: whether it is well-formed and every
    /// group checks out, and if not, which group is wrong (in the current language).
    /// </summary>
    public static IdParseResult Verify(string? typed) => ReadBack.ParseDictation(IdFormat.ConfirmationCode, typed);
}
