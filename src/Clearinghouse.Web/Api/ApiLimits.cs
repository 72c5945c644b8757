using System.Security.Cryptography;
using Clearinghouse.Web.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Api;

/// <summary>How large a request body the API takes (section "RateLimits", with the request rates).</summary>
public sealed class ApiBodyLimitOptions
{
    /// <summary><c>RateLimits:MaxRequestBodyBytes</c>: 64 KiB by default; a license server's requests are far smaller.</summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;
}

/// <summary>
/// Reads an API request's body before anything else does, up to the limit: a larger one is answered 413
/// <c>request-too-large</c> without being read further — by its Content-Length when it gives one, after the limit's
/// worth of bytes when it is chunked. The body read is what the endpoint then binds, and its SHA-256 is the fingerprint
/// an Idempotency-Key is checked against (<see cref="Idempotency"/>).
/// </summary>
public static class ApiBodyLimit
{
    private const string BodyHashKey = "Clearinghouse.BodyHash";

    public static IServiceCollection AddApiBodyLimit(this IServiceCollection services)
    {
        services.AddOptions<ApiBodyLimitOptions>()
            .BindConfiguration("RateLimits")
            .Validate(o => o.MaxRequestBodyBytes is > 0 and <= 16 * 1024 * 1024,
                "RateLimits:MaxRequestBodyBytes must be between 1 and 16777216.")
            .ValidateOnStart();
        return services;
    }

    public static IApplicationBuilder UseApiBodyLimit(this IApplicationBuilder app) =>
        app.UseWhen(LicenseServerApi.IsApiRequest, api => api.Use(LimitAsync));

    /// <summary>SHA-256 of the request's body (of nothing, when it had none).</summary>
    public static byte[] BodyHash(this HttpContext context) =>
        context.Items.TryGetValue(BodyHashKey, out var hash) && hash is byte[] bytes ? bytes : SHA256.HashData([]);

    private static async Task LimitAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            await next(context);
            return;
        }

        var limit = context.RequestServices.GetRequiredService<IOptions<ApiBodyLimitOptions>>().Value.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            await TooLargeAsync(context);
            return;
        }

        // The server stops reading past the limit too, whatever reads the body.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit + 1L;
        }

        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                await TooLargeAsync(context);
                return;
            }
        }

        buffer.Position = 0;
        context.Items[BodyHashKey] = SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        request.Body = buffer;
        context.Response.RegisterForDisposeAsync(buffer);
        await next(context);
    }

    private static async Task TooLargeAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiBodyLimit))
            .LogRefused(StatusCodes.Status413PayloadTooLarge, context.Request.Method, context.Request.Path.Value);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The request is too large.",
                Detail = $"The request body is larger than the {context.RequestServices.GetRequiredService<IOptions<ApiBodyLimitOptions>>().Value.MaxRequestBodyBytes} bytes this API accepts.",
            },
        });
    }
}
