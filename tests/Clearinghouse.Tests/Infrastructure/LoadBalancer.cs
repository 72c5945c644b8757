using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Clearinghouse.Tests.Infrastructure;

/// <summary>
/// One browser in front of several instances of the portal, as behind a load balancer: a single client (one cookie
/// jar, redirects not followed, over https so that Secure cookies are kept) whose requests go to the instance the test
/// names in <see cref="Target"/>.
/// </summary>
public sealed class LoadBalancer : HttpMessageHandler
{
    private readonly HttpMessageInvoker[] _instances;

    private LoadBalancer(IEnumerable<WebApplicationFactory<Program>> instances)
    {
        _instances = [.. instances.Select(i => new HttpMessageInvoker(i.Server.CreateHandler(), disposeHandler: true))];
    }

    /// <summary>The index of the instance the next request goes to.</summary>
    public int Target { get; set; }

    /// <summary>A client for pages whose requests <paramref name="balancer"/> sends to one of <paramref name="instances"/>.</summary>
    public static HttpClient CreateClient(out LoadBalancer balancer, params WebApplicationFactory<Program>[] instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        foreach (var instance in instances)
        {
            // Starts the instance (the factory builds its server on first use).
            _ = instance.Server;
        }

        balancer = new LoadBalancer(instances);
        return new HttpClient(new CookieContainerHandler { InnerHandler = balancer }) { BaseAddress = new Uri("https://localhost") };
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _instances[Target].SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var instance in _instances)
            {
                instance.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
