using System.Security.Cryptography;
using System.Text;

namespace Clearinghouse.Web.Licensing;

/// <summary>
/// The credential a license server is given when it is activated or reactivated through the API: 32 random bytes,
/// base64url. Only its SHA-256 is stored. A credential is a random 256-bit secret, not a password a person chose, so a
/// plain hash resists guessing as well as a slow key-derivation function would, and costs nothing per request.
/// </summary>
public static class ServerCredentials
{
    private const int CredentialBytes = 32;

    /// <summary>A new credential, shown once to the server, and the hash to store.</summary>
    public static (string Credential, byte[] Hash) Create(RandomNumberGenerator random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var bytes = new byte[CredentialBytes];
        random.GetBytes(bytes);
        var credential = Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (credential, Hash(credential));
    }

    public static byte[] Hash(string credential) => SHA256.HashData(Encoding.UTF8.GetBytes(credential));

    /// <summary>Whether <paramref name="credential"/> hashes to <paramref name="storedHash"/>, in constant time.</summary>
    public static bool Matches(byte[]? storedHash, byte[] credentialHash) =>
        storedHash is not null && CryptographicOperations.FixedTimeEquals(storedHash, credentialHash);
}
