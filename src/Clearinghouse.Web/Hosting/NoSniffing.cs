namespace Clearinghouse.Web.Hosting;

/// <summary>
/// Every answer carries <c>X-Content-Type-Options: nosniff</c>, so a browser takes it for what its Content-Type says.
/// What people type is shown again in plain-text receipts and JSON, which cannot be HTML-encoded: without this, a
/// browser that sniffs could read markup typed into a field as a page of this site.
/// </summary>
public static class NoSniffing
{
    public static IApplicationBuilder UseNoContentTypeSniffing(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
}
