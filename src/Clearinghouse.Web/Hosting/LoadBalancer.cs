using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Hosting;

/// <summary>Which proxies' forwarded headers are believed (section <c>ForwardedHeaders</c>).</summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of the load balancers or reverse proxies in front of the portal.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/8</c>) the load balancers or reverse proxies are in.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

/// <summary>
/// The client's address and scheme as the load balancer saw them (<c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c>), taken
/// only from a proxy the settings name — by default one on this machine (loopback). From anywhere else the headers
/// are ignored: the rate limits, the audit trail, HTTPS redirection and the /metrics allow-list go by the address
/// that connected, so a client cannot choose the address it is limited or recorded as by sending the header itself.
/// </summary>
public static class LoadBalancer
{
    public static IServiceCollection AddLoadBalancerSupport(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ForwardedHeadersSettings.Section);
        services.AddOptions<ForwardedHeadersSettings>()
            .Configure(settings =>
            {
                settings.KnownProxies = IpNetworks.ListSetting(section, nameof(ForwardedHeadersSettings.KnownProxies));
                settings.KnownNetworks = IpNetworks.ListSetting(section, nameof(ForwardedHeadersSettings.KnownNetworks));
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ForwardedHeadersSettings>, ValidNetworks>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((options, settings) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // Every hop from the right that is a known proxy is stepped over, so a chain of them works; the first
            // address that is not one is the client's.
            options.ForwardLimit = null;
            var known = IpNetworks.Parse(settings.Value.KnownProxies.Concat(settings.Value.KnownNetworks), out _);
            if (known.Count > 0)
            {
                // What the settings name replaces the default (loopback), rather than adding to it.
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                foreach (var network in known)
                {
                    options.KnownIPNetworks.Add(network);
                }
            }
        });
        return services;
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme.</summary>
    public static IApplicationBuilder UseLoadBalancerForwardedHeaders(this IApplicationBuilder app) => app.UseForwardedHeaders();

    private static List<string> Invalid(ForwardedHeadersSettings settings)
    {
        IpNetworks.Parse(settings.KnownProxies.Concat(settings.KnownNetworks), out var invalid);
        return [.. invalid];
    }

    /// <summary>Names the entries that are neither an address nor a network, so that the start stops with them.</summary>
    private sealed class ValidNetworks : IValidateOptions<ForwardedHeadersSettings>
    {
        public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings options)
        {
            var invalid = Invalid(options);
            return invalid.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"{ForwardedHeadersSettings.Section}:{nameof(ForwardedHeadersSettings.KnownProxies)} and " +
                    $"{nameof(ForwardedHeadersSettings.KnownNetworks)} take IP addresses and networks such as 10.0.0.0/8; " +
                    $"these are neither: {string.Join(", ", invalid)}.");
        }
    }
}
