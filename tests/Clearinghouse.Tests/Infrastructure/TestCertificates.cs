using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Clearinghouse.Tests.Infrastructure;

/// <summary>Self-signed certificates made for a test, written as password-protected PKCS#12 (.pfx) files.</summary>
public static class TestCertificates
{
    public const string Password = "pfx-Password-1";

    /// <summary>A new RSA certificate with its private key, in <paramref name="folder"/>; its path.</summary>
    public static string WritePfx(string folder, string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, $"{name}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}
