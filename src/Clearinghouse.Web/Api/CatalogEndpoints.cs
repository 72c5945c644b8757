using System.Security.Cryptography;
using System.Text.Json;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Clearinghouse.Web.Api;

public sealed record CatalogItem(string Code, string Name);

/// <param name="Reference">
/// What proof of purchase the program needs: <c>license-codes</c>, <c>license-and-authorization-number</c> or
/// <c>agreement-number</c> (the field the site names after the program, e.g. "Enrollment number").
/// </param>
public sealed record CatalogProgram(string Code, string Name, string Reference, string? ReferenceName);

public sealed record CatalogProductVersion(string Code, string Name, IReadOnlyList<CatalogItem> CalTypes);

/// <param name="ProductVersion">The newest CAL version a server running it accepts.</param>
public sealed record CatalogOperatingSystem(string Code, string Name, string ProductVersion);

/// <param name="Phone">The number shown for the telephone method, configured by the lab.</param>
public sealed record CatalogCountry(string Code, string Name, string Phone);

public sealed record CatalogResponse(
    IReadOnlyList<CatalogProgram> Programs,
    IReadOnlyList<CatalogProductVersion> ProductVersions,
    IReadOnlyList<CatalogItem> MigrationReasons,
    IReadOnlyList<CatalogItem> ReactivationReasons,
    IReadOnlyList<CatalogOperatingSystem> OperatingSystems,
    IReadOnlyList<CatalogCountry> Countries);

/// <summary>
/// The reference data a license server needs to build its requests: cacheable, with an ETag of its content, so a
/// client asks again with If-None-Match and gets 304 until the lab changes a telephone number.
/// </summary>
public static class CatalogEndpoints
{
    /// <summary>How long a client may keep the catalogue without asking again.</summary>
    public const int MaxAgeSeconds = 300;

    public static RouteGroupBuilder MapCatalog(this RouteGroupBuilder api)
    {
        api.MapGet("/catalog", GetAsync)
            .WithName("GetCatalog")
            .WithTags("Reference data")
            .WithSummary("Programs, product versions and CAL types, reasons, operating systems, countries")
            .WithDescription(
                "Everything the requests take as codes. Answered with an `ETag` and `Cache-Control: public, max-age=300`; " +
                "send the ETag back in `If-None-Match` to get 304 Not Modified while nothing changed.")
            .Produces<CatalogResponse>()
            .Produces(StatusCodes.Status304NotModified);
        return api;
    }

    private static async Task<IResult> GetAsync(
        HttpContext http, ClearinghouseDbContext db, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        // The countries and their numbers are the lab's data; the rest is fixed with the schema.
        var countries = await db.CountriesRegions.AsNoTracking().OrderBy(c => c.Code).ToListAsync(cancellationToken);
        var catalog = new CatalogResponse(
            [.. Catalogue.Programs.OrderBy(p => p.SortOrder).Select(p => new CatalogProgram(p.Code, p.Name, ReferenceOf(p.Kind), p.ReferenceLabel))],
            [.. Catalogue.ProductVersions.OrderByDescending(v => v.Rank).Select(v => new CatalogProductVersion(
                v.Code, v.Name, [.. Catalogue.CalTypesFor(v.Code).Select(t => new CatalogItem(t.Code, t.Name))]))],
            [.. Catalogue.RecoveryReasons.OrderBy(r => r.SortOrder).Select(r => new CatalogItem(r.Code, r.Text))],
            [.. Catalogue.Reasons.Where(r => r.Purpose == ReasonPurpose.Reactivation).OrderBy(r => r.SortOrder)
                .Select(r => new CatalogItem(r.Code, r.Text))],
            [.. Catalogue.SourceOperatingSystems.OrderByDescending(o => o.Rank)
                .Select(o => new CatalogOperatingSystem(o.Code, o.Name, o.ProductVersionCode))],
            [.. countries.Select(c => new CatalogCountry(c.Code, c.Name, c.PhoneNumber))]);

        var body = JsonSerializer.SerializeToUtf8Bytes(catalog, json.Value.SerializerOptions);
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"");
        http.Response.Headers.ETag = etag.ToString();
        http.Response.Headers.CacheControl = $"public, max-age={MaxAgeSeconds}";

        if (EntityTagHeaderValue.TryParseList([.. http.Request.Headers.IfNoneMatch.OfType<string>()], out var asked) &&
            asked.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(body, "application/json");
    }

    private static string ReferenceOf(ProgramKind kind) => kind switch
    {
        ProgramKind.RetailPurchase => "license-codes",
        ProgramKind.OpenLicense => "license-and-authorization-number",
        ProgramKind.Agreement => "agreement-number",
    };
}
