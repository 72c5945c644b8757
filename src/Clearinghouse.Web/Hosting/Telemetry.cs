using System.Net;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Clearinghouse.Web.Hosting;

/// <summary>The Prometheus endpoint (section <c>Metrics</c>).</summary>
public sealed class MetricsSettings
{
    public const string Section = "Metrics";

    /// <summary>Answer GET /metrics at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The client addresses /metrics answers (addresses or CIDR networks); others get 404 as for any unknown address.
    /// Empty: this machine only (127.0.0.0/8, ::1).
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];
}

/// <summary>
/// OpenTelemetry metrics, exported for Prometheus at /metrics: ASP.NET Core's (requests and their duration,
/// <c>http.server.request.duration</c>; Kestrel's connections), the .NET runtime's, and the portal's own meter
/// (<see cref="ClearinghouseMetrics"/>). Pulled, not pushed: nothing is sent anywhere unless a scraper asks.
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    private static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(MetricsSettings.Section);
        services.AddOptions<MetricsSettings>()
            .Bind(section)
            .PostConfigure(settings => settings.AllowedNetworks = IpNetworks.ListSetting(section, nameof(MetricsSettings.AllowedNetworks)))
            .Validate(s => Networks(s, out var invalid) is not null && invalid.Count == 0,
                $"{MetricsSettings.Section}:{nameof(MetricsSettings.AllowedNetworks)} takes IP addresses and networks such as 10.0.0.0/8.")
            .ValidateOnStart();
        services.AddSingleton<ClearinghouseMetrics>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("clearinghouse", serviceVersion: ClearinghouseStartup.Version))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(ClearinghouseMetrics.MeterName)

                // Every scrape reads the counters as they are (no cached answer): only allowed networks can ask.
                .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>
    /// Answers GET /metrics to the allowed client addresses (after forwarded headers, so a request through the load
    /// balancer counts as its client's); for everyone else the request goes on and finds nothing there (404).
    /// </summary>
    public static IApplicationBuilder UseMetricsEndpoint(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<MetricsSettings>>().Value;
        if (!settings.Enabled)
        {
            return app;
        }

        var allowed = Networks(settings, out _);
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == MetricsPath && IsAllowed(context.Connection.RemoteIpAddress, allowed));
    }

    // No address at all is a connection that did not come over the network (a Unix socket, an in-process host).
    private static bool IsAllowed(IPAddress? client, IReadOnlyList<IPNetwork> allowed) =>
        client is null || IpNetworks.Contains(allowed, client);

    private static IReadOnlyList<IPNetwork> Networks(MetricsSettings settings, out IReadOnlyList<string> invalid)
    {
        var networks = IpNetworks.Parse(settings.AllowedNetworks, out invalid);
        return networks.Count > 0 ? networks : Loopback;
    }
}
