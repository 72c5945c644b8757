using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Clearinghouse.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Hosting;

/// <summary>
/// A certificate named in the settings: a PKCS#12 file (<c>Path</c> with its <c>Password</c>) or, by its
/// <c>Thumbprint</c>, one in a certificate store (<c>StoreName</c>, <c>StoreLocation</c>; the Windows stores, or .NET's
/// own per-user store elsewhere).
/// </summary>
public sealed class CertificateSetting
{
    public string? Path { get; set; }

    public string? Password { get; set; }

    public string? Thumbprint { get; set; }

    public StoreName StoreName { get; set; } = StoreName.My;

    public StoreLocation StoreLocation { get; set; } = StoreLocation.CurrentUser;
}

/// <summary>The <c>DataProtection</c> section: how the keys behind antiforgery tokens and sign-in cookies are kept.</summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>Encrypts every new key (and decrypts them); none: keys are stored as plain XML, as before.</summary>
    public CertificateSetting? Certificate { get; set; }

    /// <summary>Certificates used before <see cref="Certificate"/>: they still decrypt the keys they encrypted.</summary>
    public List<CertificateSetting> PreviousCertificates { get; set; } = [];
}

/// <summary>What protects the stored keys, as found at start: for the start-up line.</summary>
public sealed record KeyProtectionState(X509Certificate2? Certificate, IReadOnlyList<X509Certificate2> PreviousCertificates);

/// <summary>
/// The data-protection keys (which sign and encrypt antiforgery tokens and sign-in cookies) live in the database, so
/// every instance behind a load balancer, and the next start, reads what another wrote. With a certificate configured
/// each key's XML is encrypted to it before it is stored (ProtectKeysWithCertificate); the current and the previous
/// certificates all decrypt (UnprotectKeysWithAnyCertificate), so a certificate can be replaced while keys it encrypted
/// are still in use. Every instance needs the same certificates.
/// </summary>
public static partial class KeyProtection
{
    // Warns "No XML encryptor configured" at each new key. Without a certificate the start-up line says it once, with
    // what to do; this category's errors still show.
    private const string KeyManagerCategory = "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager";

    /// <summary>The key of the PostgreSQL advisory lock around reading the key ring at start ("CHKEYRNG" in ASCII).</summary>
    private const long PostgreSqlKeyRingLock = 0x43484B4559524E47;

    public static IServiceCollection AddClearinghouseDataProtection(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var builder = services.AddDataProtection()
            .SetApplicationName("Clearinghouse")
            .PersistKeysToDbContext<ClearinghouseDbContext>();

        var (state, problem) = Load(configuration, environment.ContentRootPath);
        if (problem is not null)
        {
            services.AddSingleton(new StartupProblem(problem));
            return services;
        }

        services.AddSingleton(state!);
        if (state!.Certificate is null)
        {
            services.AddLogging(logging => logging.AddFilter(KeyManagerCategory, LogLevel.Error));
            return services;
        }

        builder.ProtectKeysWithCertificate(state.Certificate)
            .UnprotectKeysWithAnyCertificate([state.Certificate, .. state.PreviousCertificates]);
        return services;
    }

    /// <summary>One start-up line: which certificate encrypts the keys, or (outside Development, as a warning) that none does and how to change that.</summary>
    public static void LogKeyProtection(this IServiceProvider services, ILogger logger, IHostEnvironment environment)
    {
        if (services.GetService<KeyProtectionState>() is not { } state)
        {
            return;
        }

        if (state.Certificate is { } certificate)
        {
            LogEncrypted(logger, certificate.Subject, certificate.Thumbprint, certificate.NotAfter.ToUniversalTime(), state.PreviousCertificates.Count);
        }
        else if (environment.IsDevelopment())
        {
            LogUnencryptedInDevelopment(logger);
        }
        else
        {
            LogUnencrypted(logger);
        }
    }

    /// <summary>
    /// Reads the key ring once, before the portal listens, creating the first key when the database has none — on a
    /// server database under a lock that every instance takes for this. Two instances starting together on a fresh
    /// database would otherwise each create a key of their own and, once data protection's two-minute window for
    /// looking up unknown keys has passed, refuse each other's cookies and antiforgery tokens until their key rings
    /// are next read (a day later). One SQLite file is not shared by instances on several machines, so it takes no lock.
    /// </summary>
    public static async Task ReadKeyRingAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<ClearinghouseDbContext>().Database;
        var protector = services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Clearinghouse.KeyRing");
        if (!database.IsNpgsql() && !database.IsSqlServer())
        {
            protector.Protect([0]);
            return;
        }

        // A session lock, held by this connection while data protection reads (and writes) through its own.
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await database.ExecuteSqlRawAsync(
                database.IsNpgsql()
                    ? $"SELECT pg_advisory_lock({PostgreSqlKeyRingLock})"
                    : "EXEC sp_getapplock @Resource = N'Clearinghouse.KeyRing', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 30000",
                cancellationToken);
            protector.Protect([0]);
        }
        finally
        {
            // Ends the session, and with it the lock.
            await database.CloseConnectionAsync();
        }
    }

    private static (KeyProtectionState? State, string? Problem) Load(IConfiguration configuration, string contentRoot)
    {
        KeyProtectionOptions options;
        try
        {
            options = configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>() ?? new();
        }
        catch (InvalidOperationException exception)
        {
            // "Failed to convert configuration value 'Desk' at 'DataProtection:Certificate:StoreLocation' …"
            return (null, exception.Message);
        }

        var current = options.Certificate is { } setting && IsSet(setting) ? setting : null;
        if (current is null)
        {
            return options.PreviousCertificates.Any(IsSet)
                ? (null, $"{KeyProtectionOptions.Section}:PreviousCertificates are set but {KeyProtectionOptions.Section}:Certificate is not; " +
                         "name the certificate that encrypts new keys too.")
                : (new KeyProtectionState(null, []), null);
        }

        var (certificate, problem) = Open(current, $"{KeyProtectionOptions.Section}:Certificate", contentRoot);
        if (problem is not null)
        {
            return (null, problem);
        }

        var previous = new List<X509Certificate2>();
        for (var i = 0; i < options.PreviousCertificates.Count; i++)
        {
            if (!IsSet(options.PreviousCertificates[i]))
            {
                continue;
            }

            var (old, oldProblem) = Open(options.PreviousCertificates[i], $"{KeyProtectionOptions.Section}:PreviousCertificates:{i}", contentRoot);
            if (oldProblem is not null)
            {
                return (null, oldProblem);
            }

            previous.Add(old!);
        }

        return (new KeyProtectionState(certificate, previous), null);
    }

    private static bool IsSet(CertificateSetting setting) =>
        !string.IsNullOrWhiteSpace(setting.Path) || !string.IsNullOrWhiteSpace(setting.Thumbprint);

    /// <summary>The certificate a setting names, with its private key; or what is wrong, in one line naming the setting.</summary>
    private static (X509Certificate2? Certificate, string? Problem) Open(CertificateSetting setting, string name, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(setting.Path) && !string.IsNullOrWhiteSpace(setting.Thumbprint))
        {
            return (null, $"{name} has both Path and Thumbprint; name the certificate one way.");
        }

        X509Certificate2 certificate;
        if (!string.IsNullOrWhiteSpace(setting.Path))
        {
            var path = System.IO.Path.GetFullPath(setting.Path, contentRoot);
            if (!File.Exists(path))
            {
                return (null, $"{name}:Path is '{path}', which does not exist.");
            }

            try
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, setting.Password);
            }
            catch (CryptographicException exception)
            {
                return (null, $"{name}:Path '{path}' could not be opened as a PKCS#12 (.pfx) file with {name}:Password: {exception.Message}");
            }
        }
        else
        {
            var thumbprint = setting.Thumbprint!.Replace(" ", "", StringComparison.Ordinal).Replace(":", "", StringComparison.Ordinal);
            using var store = new X509Store(setting.StoreName, setting.StoreLocation);
            try
            {
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            }
            catch (CryptographicException exception)
            {
                return (null, $"{name}: the certificate store {setting.StoreLocation}\\{setting.StoreName} could not be opened: {exception.Message}");
            }

            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
            if (found.Count == 0)
            {
                return (null, $"{name}:Thumbprint {thumbprint} is not in the certificate store {setting.StoreLocation}\\{setting.StoreName}.");
            }

            certificate = found[0];
        }

        if (!certificate.HasPrivateKey)
        {
            var subject = certificate.Subject;
            certificate.Dispose();
            return (null, $"{name} ({subject}) has no private key: keys encrypted to it could never be read again.");
        }

        return (certificate, null);
    }

    [LoggerMessage(20, LogLevel.Information,
        "Data-protection keys are encrypted at rest with the certificate {Subject} (thumbprint {Thumbprint}, valid until {NotAfter:u}); " +
        "{Previous} previous certificate(s) can still decrypt older keys")]
    private static partial void LogEncrypted(ILogger logger, string subject, string thumbprint, DateTime notAfter, int previous);

    [LoggerMessage(21, LogLevel.Warning,
        "Data-protection keys (behind antiforgery tokens and console sign-in cookies) are stored in the database unencrypted. " +
        "To encrypt them, set DataProtection:Certificate:Path and DataProtection:Certificate:Password (a .pfx with its private key) " +
        "or DataProtection:Certificate:Thumbprint, the same on every instance")]
    private static partial void LogUnencrypted(ILogger logger);

    [LoggerMessage(22, LogLevel.Information,
        "Data-protection keys are stored in the database unencrypted (outside Development this is a warning; " +
        "DataProtection:Certificate:Path or :Thumbprint encrypts them)")]
    private static partial void LogUnencryptedInDevelopment(ILogger logger);
}
