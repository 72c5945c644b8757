namespace Clearinghouse.Web.Licensing;

public enum LicensingMode
{
    /// <summary>
    /// Labs and training (the default): IDs and purchases from elsewhere are welcome; an ID written in the issuing
    /// alphabet that does not check out is taken once the person confirms it was copied from elsewhere.
    /// </summary>
    Lenient,

    /// <summary>
    /// Only IDs issued here, license servers activated here and purchases registered in lab administration count, with
    /// their quantities (see <see cref="LicensingRules"/>).
    /// </summary>
    Strict,
}

/// <summary>The <c>Licensing</c> configuration section.</summary>
public sealed class LicensingOptions
{
    public const string Section = "Licensing";

    /// <summary><c>Licensing:Mode</c>: <c>Lenient</c> (default) or <c>Strict</c>.</summary>
    public LicensingMode Mode { get; set; } = LicensingMode.Lenient;
}

/// <summary>
/// The licensing mode in force, read each time it is needed: lab administration can switch it at run time (the database
/// setting overrides <c>Licensing:Mode</c>, see Lab/LabState.cs), so nothing may keep the mode it saw at start-up.
/// </summary>
public sealed class LicensingModeSource(Func<LicensingMode> current)
{
    public LicensingMode Current => current();

    /// <summary>A mode that never changes: for tests and tools.</summary>
    public static LicensingModeSource Fixed(LicensingMode mode) => new(() => mode);
}

public static class LicensingServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="LicensingOptions"/> and checks them when the portal starts: a mistyped mode stops start-up
    /// rather than leaving the lab in a mode nobody chose.
    /// </summary>
    public static IServiceCollection AddLicensing(this IServiceCollection services)
    {
        services.AddOptions<LicensingOptions>()
            .BindConfiguration(LicensingOptions.Section)
            .Validate(options => Enum.IsDefined(options.Mode),
                $"{LicensingOptions.Section}:{nameof(LicensingOptions.Mode)} must be " +
                $"{nameof(LicensingMode.Lenient)} or {nameof(LicensingMode.Strict)}.")
            .ValidateOnStart();
        return services;
    }
}
