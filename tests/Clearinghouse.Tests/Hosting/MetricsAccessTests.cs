using System.Net;
using Microsoft.Extensions.Logging;

namespace Clearinghouse.Tests.Hosting;

/// <summary>
/// Who may read /metrics: by default this machine only; the networks in <c>Metrics:AllowedNetworks</c> otherwise; no one
/// with <c>Metrics:Enabled=false</c>. Anyone else finds nothing there (404). Served on a real socket, so that the portal
/// sees a client address (the test's loopback).
/// </summary>
public sealed class MetricsAccessTests
{
    [Fact]
    public async Task Metrics_FromThisMachine_AreServedByDefault()
    {
        using var portal = new HostingFactory(onLoopback: true);
        using var client = portal.CreateClient();

        var samples = await PrometheusText.ScrapeAsync(client);

        Assert.Contains(samples, s => s.Name == "target_info");
    }

    [Fact]
    public async Task Metrics_FromOutsideTheAllowedNetworks_AreNotFound()
    {
        using var portal = new HostingFactory(new Dictionary<string, string?> { ["Metrics:AllowedNetworks:0"] = "10.0.0.0/8" }, onLoopback: true);
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("http_server_request_duration", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AskedForThroughTheLoadBalancer_AreTheOutsideClientsAndNotFound()
    {
        using var portal = new HostingFactory(new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" }, onLoopback: true);
        using var client = portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_Disabled_AreNotFound()
    {
        using var portal = new HostingFactory(new Dictionary<string, string?> { ["Metrics:Enabled"] = "false" });
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void Start_WithAnAllowedNetworkThatIsNotOne_StopsNamingTheSetting()
    {
        using var portal = new HostingFactory(new Dictionary<string, string?> { ["Metrics:AllowedNetworks"] = "prometheus" });

        Assert.NotNull(Record.Exception(() => portal.CreateClient()));

        var said = Assert.Single(portal.Logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.Contains("Metrics:AllowedNetworks", said.Message, StringComparison.Ordinal);
    }
}
