using System.Security.Cryptography;
using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Tests.Licensing;

/// <summary>
/// IDs as a real license server or License Pack may show them: only characters of the issuing alphabet (which is the
/// product-key alphabet), with no check characters of ours, so their groups do not check out.
/// </summary>
public static class AlphabetOnlyIds
{
    private const string Alphabet = "BCDFGHJKMPQRTVWXY2346789";

    /// <summary>A canonical value of <paramref name="format"/> in the issuing alphabet whose every group fails its check.</summary>
    public static string New(IdFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        while (true)
        {
            var id = string.Concat(RandomNumberGenerator.GetBytes(format.Length).Select(b => Alphabet[b % Alphabet.Length]));
            if (format.Parse(id).FailedGroups.Count == format.GroupCount)
            {
                return id;
            }
        }
    }
}
