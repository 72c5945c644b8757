namespace Clearinghouse.Web.Licensing;

public static class LicensingServices
{
    /// <summary>
    /// The clearinghouse's rules and what issues under them, one instance per request (each works on the request's
    /// DbContext): the site's flows, the API and the console all go through these.
    /// </summary>
    public static IServiceCollection AddLicensingRules(this IServiceCollection services)
    {
        services.AddScoped<LicensingRules>();
        services.AddScoped<KeyPackIssuer>();
        services.AddScoped<KeyPackInstaller>();
        services.AddScoped<ServerActivation>();
        services.AddScoped<ServerReactivation>();
        services.AddScoped<ServerDeactivation>();
        services.AddScoped<TelephoneDeactivation>();
        services.AddScoped<PurchaseRegistry>();
        services.AddScoped<RequestSearch>();
        services.AddScoped<RequestHistory>();
        return services;
    }
}
