using Clearinghouse.Web.Resources;
using FluentValidation.Results;

namespace Clearinghouse.Web.Licensing;

/// <summary>
/// How License Server IDs and retail license codes, which may come from elsewhere, are taken (DESIGN.md, "Check
/// characters are a typing aid"). Their check characters catch typing mistakes in IDs issued here, but the issuing
/// alphabet is also the one Windows product keys use, so a real server's ID may use only those characters and still
/// not check out.
/// </summary>
/// <remarks>
/// Lenient mode: an ID with characters outside the alphabet cannot be ours and is taken as foreign; one written in the
/// alphabet that does not check out may be a typo of ours, so the groups at fault are named and it is taken as foreign
/// only once the person confirms it was copied from elsewhere. Strict mode: only IDs issued here count, and a failed
/// check is a typing error.
/// </remarks>
public static class ForeignIds
{
    /// <summary>
    /// Whether the person is asked to confirm that <paramref name="input"/> was copied from elsewhere: lenient mode, and
    /// an ID written in the issuing alphabet whose groups do not check out.
    /// </summary>
    public static bool AsksForConfirmation(IdFormat format, string? input, LicensingMode mode)
    {
        ArgumentNullException.ThrowIfNull(format);
        return mode == LicensingMode.Lenient && format.Parse(input).Origin == IdOrigin.ChecksFailed;
    }

    /// <summary>
    /// What is wrong with <paramref name="input"/> in <paramref name="mode"/>, as a failure of
    /// <paramref name="propertyName"/> with its code and the codec's <see cref="IdError"/> as custom state; null when it
    /// is taken.
    /// </summary>
    /// <param name="label">How the field is named in messages, e.g. "Target License Server ID", in the current language.</param>
    /// <param name="confirmed">The person confirmed the value was copied from elsewhere (a check box).</param>
    /// <param name="howToConfirm">
    /// Appended to the message when confirmation is what is missing, e.g. how to tick the box; in the current language.
    /// </param>
    public static ValidationFailure? Check(
        IdFormat format,
        string? input,
        string label,
        LicensingMode mode,
        bool confirmed,
        string howToConfirm,
        ForeignIdErrorCodes codes,
        string propertyName)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(codes);

        // Strict mode takes what checks out as issued here. The rest of strict mode — a License Server ID must belong to
        // a server activated here, a license code to a purchase registered here — is for LicensingRules, which looks
        // them up.
        var strict = mode == LicensingMode.Strict;
        var parsed = format.Parse(input, label, issuedHereOnly: strict);
        if (parsed.Error is not { } error)
        {
            return null;
        }

        if (parsed.Origin == IdOrigin.ChecksFailed)
        {
            return confirmed
                ? null
                : Failure(propertyName, codes.Unconfirmed, error, Texts.Get(
                    parsed.FailedGroups.Count == 1 ? "ForeignIds.Unconfirmed.One" : "ForeignIds.Unconfirmed",
                    IdFormat.GroupList(parsed.FailedGroups), label, howToConfirm));
        }

        return error.Kind == IdErrorKind.NotIssuedAlphabet
            ? Failure(propertyName, codes.NotIssuedHere, error, Texts.Get("ForeignIds.StrictOnly", error.Message, format.IssuedHerePlural))
            : Failure(propertyName, codes.Malformed, error, error.Message);
    }

    /// <summary>
    /// Whether a value that <see cref="Check"/> accepted is foreign: not written in the issuing alphabet, or confirmed as
    /// copied from elsewhere though it does not check out.
    /// </summary>
    public static bool IsForeign(IdFormat format, string? value)
    {
        ArgumentNullException.ThrowIfNull(format);
        return format.Parse(value).Origin != IdOrigin.IssuedHere;
    }

    private static ValidationFailure Failure(string propertyName, string code, IdError error, string message) =>
        new(propertyName, message) { ErrorCode = code, CustomState = error };
}
