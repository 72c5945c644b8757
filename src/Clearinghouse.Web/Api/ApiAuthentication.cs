using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Clearinghouse.Web.Api;

/// <summary>Marks an operation that takes the license server's credential (for the Swagger security requirement).</summary>
/// <param name="Optional">True when only a server that holds a credential must send it (key pack installations).</param>
public sealed record RequiresServerCredential(bool Optional);

/// <summary>
/// <c>Authorization: Bearer &lt;credential&gt;</c> on a license server's own resources (the <c>licenseServerId</c> in
/// the route). 401 for no credential, a wrong one, or an ID that does not exist — one answer for all three, so it never
/// says whether an ID exists; 403 for a valid credential of another server. A credential stays bound to the server it
/// was given to: after a reactivation or deactivation, that server's ID answers 410 with it, and nothing else accepts it.
/// </summary>
public static class ApiAuthentication
{
    public const string RouteKey = "licenseServerId";

    private const string AuthenticatedServerKey = "Clearinghouse.AuthenticatedServer";
    private const string ServerReadKey = "Clearinghouse.ServerRead";

    /// <summary>Requires the route server's credential.</summary>
    /// <param name="onlyWhenServerHasOne">
    /// Let a server that holds no credential (from elsewhere, or activated on the site or by telephone) call with its
    /// ID alone; one activated through the API must still send its credential.
    /// </param>
    public static RouteHandlerBuilder RequireServerCredential(this RouteHandlerBuilder builder, bool onlyWhenServerHasOne = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddEndpointFilter((context, next) => AuthenticateAsync(context, next, onlyWhenServerHasOne))
            .WithMetadata(new RequiresServerCredential(onlyWhenServerHasOne))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>
    /// The server the request's credential authenticated, or null for one without. Read untracked; an issuance for it
    /// attaches it to the request's context (<see cref="KeyPackIssuer.TryIssueNewAsync"/>).
    /// </summary>
    public static LicenseServer? AuthenticatedServer(this HttpContext context) =>
        context.Items.TryGetValue(AuthenticatedServerKey, out var server) ? server as LicenseServer : null;

    /// <summary>
    /// The route's server as the credential check read it (whether or not it holds a credential), so that the endpoint
    /// need not read it again; null when no check ran.
    /// </summary>
    public static ServerRead? ServerReadByCredentialCheck(this HttpContext context) =>
        context.Items.TryGetValue(ServerReadKey, out var read) ? read as ServerRead : null;

    private static async ValueTask<object?> AuthenticateAsync(
        EndpointFilterInvocationContext context, EndpointFilterDelegate next, bool onlyWhenServerHasOne)
    {
        var http = context.HttpContext;
        var parsed = IdFormat.LicenseServerId.Parse(http.GetRouteValue(RouteKey) as string, "License Server ID");
        if (!parsed.IsWellFormed)
        {
            // Only the shape, which says nothing about whether such a server exists.
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, ErrorCodes.MalformedLicenseServerId,
                "The License Server ID is not valid.", parsed.Error?.Message ?? "The License Server ID must be 35 letters or digits.",
                new Dictionary<string, object?> { ["field"] = RouteKey });
        }

        var db = http.RequestServices.GetRequiredService<ClearinghouseDbContext>();
        var serverId = parsed.Value!;
        var server = await HotQueries.ServerByIdAsync(db, serverId, http.RequestAborted);
        http.Items[ServerReadKey] = new ServerRead(server);
        if (onlyWhenServerHasOne && server?.CredentialHash is null)
        {
            return await next(context);
        }

        if (Bearer(http) is not { } credential)
        {
            return Unauthorized(http, "Send the license server's credential: Authorization: Bearer <credential>.");
        }

        var hash = ServerCredentials.Hash(credential);
        if (server is not null && ServerCredentials.Matches(server.CredentialHash, hash))
        {
            http.Items[AuthenticatedServerKey] = server;
            return await next(context);
        }

        // A valid credential of another server: 403 whether or not the ID in the address exists, so that it says nothing
        // about that either.
        if (await db.LicenseServers.AnyAsync(s => s.CredentialHash == hash, http.RequestAborted))
        {
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "This is another license server's resource.",
                "The credential is that of another license server. A license server acts on its own License Server ID only.");
        }

        return Unauthorized(http, "The credential is not valid for this License Server ID. Use the credential the " +
            "clearinghouse gave the license server when it was activated or last reactivated.");
    }

    private static string? Bearer(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var credential = header[scheme.Length..].Trim();
        return credential.Length is > 0 and <= 200 ? credential : null;
    }

    private static object Unauthorized(HttpContext http, string detail)
    {
        http.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return ApiProblems.Problem(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "Not authenticated.", detail);
    }
}
