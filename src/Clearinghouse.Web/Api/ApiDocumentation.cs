using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Clearinghouse.Web.Api;

/// <summary>The API's documentation (section <c>Api:Documentation</c>).</summary>
public sealed class ApiDocumentationSettings
{
    public const string Section = "Api:Documentation";

    /// <summary>
    /// Serve Swagger UI and the OpenAPI document. Default: on, except in Production, where it describes the API to
    /// anyone who can reach the portal.
    /// </summary>
    public bool? Enabled { get; set; }
}

/// <summary>An example of an operation's request body, shown in Swagger.</summary>
public sealed record RequestExample(object Body);

/// <summary>
/// The Swagger document of the API: what every operation can answer (the limits, the database and idempotency answer on
/// all of them, not only the refusals each handler declares), the problem details' <c>code</c>, the Bearer credential
/// and an example of each body. Kept here so that the endpoints declare only what is theirs.
/// </summary>
public static partial class ApiDocumentation
{
    public const string DocumentName = "v1";
    public const string BearerScheme = "Bearer";

    public const string LabApiKeyScheme = "LabApiKey";
    public const string ProblemContentType = "application/problem+json";

    private const string Description = """
        What RDS license servers (and the lab's tools that play one) call, without a person in between: the automatic
        connection method end to end, under the same rules as the web site.

        * **Activate** a license server (`POST /license-servers`): Product ID, operating system and company → a License
          Server ID and a credential, shown once.
        * **Authenticate** with that credential on the server's own resources: `Authorization: Bearer <credential>`.
          401 `unauthorized` for none, a wrong one or an ID that does not exist (one answer for all three); 403
          `forbidden` for another server's credential.
        * **Request CALs** (`POST …/cal-requests`): a first installation or a migration, issued and installed at once;
          the answer's `Location` is the key pack (`GET …/key-packs/{keyPackId}`).
        * **What it holds** (`GET …/key-packs`): its key packs and CAL totals per product version and CAL type.
        * **Submit a key pack ID** issued on the web site or by telephone (`POST …/key-pack-installations`); a server
          activated elsewhere calls it with its ID alone.
        * **Reactivate** (new ID and credential, key packs follow) and **deactivate** (`DELETE`); a retired ID answers
          410 afterwards.
        * **Catalogue** (`GET /catalog`): the codes every request takes; cacheable, with an `ETag`.

        IDs are answered in groups of 5 and taken with or without hyphens, any case. Every POST and DELETE takes an
        `Idempotency-Key`: a retry with the same key and body gets the first answer (`Idempotency-Replayed: true`).
        Requests are rate limited per client address and per license server (429 with `Retry-After`); bodies over
        64 KiB are refused (413). Every refusal is RFC 9457 problem details (`application/problem+json`) with a stable
        `code` to branch on; field errors name the `field` and list `errors`, ID errors the `group` at fault.
        """;

    // What each problem status means here; the operation's description names its own codes.
    private static readonly Dictionary<int, string> ProblemDescriptions = new()
    {
        [StatusCodes.Status400BadRequest] = "The request is not valid: a field's code (with `field` and `errors`), " +
            "`malformed-license-server-id`, `malformed-key-pack-id` (with `group`), `malformed-idempotency-key`, or " +
            "`invalid-request` for a body that cannot be read.",
        [StatusCodes.Status401Unauthorized] = "`unauthorized`: no credential, a wrong one, or a License Server ID that " +
            "does not exist (one answer for all three). With `WWW-Authenticate: Bearer`.",
        [StatusCodes.Status403Forbidden] = "`forbidden`: the credential is another license server's.",
        [StatusCodes.Status404NotFound] = "`key-pack-not-found`: no such key pack (for this server).",
        [StatusCodes.Status409Conflict] = "The request conflicts with what the clearinghouse holds (the codes in the " +
            "description), or `idempotency-key-in-flight`: the first request with this key still runs (with `Retry-After`).",
        [StatusCodes.Status410Gone] = "`license-server-reactivated` / `license-server-deactivated`: this License Server " +
            "ID is retired (or `key-pack-migrated` for a key pack whose CALs moved away).",
        [StatusCodes.Status413PayloadTooLarge] = "`request-too-large`: the body is over 64 KiB; refused before it is read.",
        [StatusCodes.Status415UnsupportedMediaType] = "`unsupported-media-type`: send the body with `Content-Type: application/json`.",
        [StatusCodes.Status422UnprocessableEntity] = "`idempotency-key-reused`: the `Idempotency-Key` was used with another body.",
        [StatusCodes.Status429TooManyRequests] = "`too-many-requests`: too many requests from this client address or " +
            "for this license server; retry after `Retry-After` seconds.",
        [StatusCodes.Status500InternalServerError] = "`internal-error`: the clearinghouse failed; quote the `traceId`.",
        [StatusCodes.Status503ServiceUnavailable] = "`database-busy`, `database-unavailable`, `database-not-migrated` " +
            "or `service-unavailable`: retry after `Retry-After` seconds.",
    };

    private static readonly JsonSerializerOptions ExampleJson = new(JsonSerializerDefaults.Web);

    /// <summary>Shows an example of the request body in Swagger.</summary>
    public static RouteHandlerBuilder WithRequestExample(this RouteHandlerBuilder builder, object body) =>
        builder.WithMetadata(new RequestExample(body));

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var production = environment.IsProduction();
        services.AddOptions<ApiDocumentationSettings>()
            .Bind(configuration.GetSection(ApiDocumentationSettings.Section))
            .PostConfigure(settings => settings.Enabled ??= !production)
            .ValidateOnStart();
        return services.AddEndpointsApiExplorer().AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new()
            {
                Title = "Clearinghouse license-server API",
                Version = DocumentName,
                Description = Description,
            });
            options.SupportNonNullableReferenceTypes();
            options.DocInclusionPredicate((_, description) =>
                description.RelativePath?.StartsWith(LicenseServerApi.Prefix[1..], StringComparison.Ordinal) == true);
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The credential the clearinghouse gave the license server at activation or its last " +
                    "reactivation: `Authorization: Bearer <credential>`.",
            });
            options.AddSecurityDefinition(LabApiKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = LabEndpoints.KeyHeader,
                Description = "Lab administration (/api/v1/lab): a lab API key a lab administrator made on /lab/api-keys " +
                    "(`Authorization: Bearer <key>` works too).",
            });
            options.AddSchemaFilterInstance(new ProblemSchemaFilter());
            options.AddOperationFilterInstance(new OperationFilter());
        });
    }

    /// <summary>Whether /swagger (the UI) and /swagger/v1/swagger.json are served.</summary>
    public static bool IsEnabled(IServiceProvider services) =>
        services.GetRequiredService<IOptions<ApiDocumentationSettings>>().Value.Enabled == true;

    /// <summary>
    /// A text with a link to the documentation, as it can be shown: with the link when the documentation is served,
    /// with only the link's words when it is not (so that no page links to a 404).
    /// </summary>
    public static IHtmlContent LinksIn(HttpContext context, IHtmlContent text)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsEnabled(context.RequestServices))
        {
            return text;
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        text.WriteTo(writer, HtmlEncoder.Default);
        return new HtmlString(DocumentationLink().Replace(writer.ToString(), "$1"));
    }

    [GeneratedRegex("<a href=\"/swagger\">(.*?)</a>")]
    private static partial Regex DocumentationLink();

    /// <summary>Swagger UI and its document, when enabled (not in Production unless <c>Api:Documentation:Enabled</c>).</summary>
    public static IApplicationBuilder UseApiDocumentation(this WebApplication app)
    {
        if (!IsEnabled(app.Services))
        {
            return app;
        }

        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.DocumentTitle = "Clearinghouse API";

            // Swagger UI's theme misses WCAG's contrast minimum in a few places; this darkens them.
            options.InjectStylesheet("/css/swagger.css");
        });
        return app;
    }

    /// <summary>The problem details every refusal is: the standard members plus this API's.</summary>
    private sealed class ProblemSchemaFilter : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (context.Type != typeof(ProblemDetails) || schema is not OpenApiSchema problem)
            {
                return;
            }

            problem.Description = "RFC 9457 problem details. Branch on `code`; show `detail` to people.";
            problem.Properties ??= new Dictionary<string, IOpenApiSchema>();
            problem.Properties[ApiProblems.CodeKey] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "A stable, machine-readable code for the refusal, e.g. `key-pack-not-found`.",
                Examples = [JsonValue.Create("key-pack-not-found")],
            };
            problem.Properties["field"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The request's field at fault (its JSON name, or `licenseServerId` / `keyPackId` in the address).",
            };
            problem.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Every failure, by field.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
            problem.Properties["group"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Format = "int32",
                Description = "For an ID: the 1-based group of 5 at fault, when one can be named.",
            };
            problem.Properties["position"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Format = "int32",
                Description = "For an ID: the 1-based character within that group, when one can be named.",
            };
            problem.Properties["migratedAt"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Format = "date-time",
                Description = "For `key-pack-migrated`: when the key pack's CALs moved away.",
            };
            problem.Properties["traceId"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Quote it when reporting a failure.",
            };
            problem.Required ??= new HashSet<string>();
            problem.Required.Add(ApiProblems.CodeKey);
        }
    }

    private sealed class OperationFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            var credential = metadata.OfType<RequiresServerCredential>().FirstOrDefault();
            var labKey = metadata.OfType<RequiresLabApiKey>().Any();
            var hasBody = operation.RequestBody is not null;
            operation.Responses ??= [];

            // What every operation can answer, whatever its handler declares: the limits and the database.
            var statuses = new List<int>
            {
                StatusCodes.Status429TooManyRequests,
                StatusCodes.Status500InternalServerError,
                StatusCodes.Status503ServiceUnavailable,
            };
            if (hasBody)
            {
                statuses.AddRange([StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType]);
            }

            if (credential is not null)
            {
                statuses.AddRange([StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden]);
            }

            if (labKey)
            {
                statuses.Add(StatusCodes.Status401Unauthorized);
            }

            foreach (var status in statuses)
            {
                operation.Responses.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse());
            }

            var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
            foreach (var (key, value) in operation.Responses)
            {
                if (value is not OpenApiResponse response || !int.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var status))
                {
                    continue;
                }

                if (ProblemDescriptions.TryGetValue(status, out var description))
                {
                    response.Description = description;
                    response.Content = new Dictionary<string, IOpenApiMediaType>
                    {
                        [ProblemContentType] = new OpenApiMediaType { Schema = problem },
                    };
                    if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable
                        or StatusCodes.Status409Conflict)
                    {
                        AddHeader(response, "Retry-After", "Seconds to wait before retrying.", JsonSchemaType.Integer);
                    }

                    if (status == StatusCodes.Status401Unauthorized)
                    {
                        AddHeader(response, "WWW-Authenticate", "`Bearer`.", JsonSchemaType.String);
                    }
                }
                else if (status == StatusCodes.Status201Created)
                {
                    AddHeader(response, "Location", "The address of what was created.", JsonSchemaType.String);
                }
            }

            if (metadata.OfType<RequestExample>().FirstOrDefault() is { } example &&
                operation.RequestBody?.Content is { } content)
            {
                foreach (var media in content.Values.OfType<OpenApiMediaType>())
                {
                    media.Example = JsonSerializer.SerializeToNode(example.Body, ExampleJson);
                }
            }

            if (labKey)
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(LabApiKeyScheme, context.Document)] = [] }];
            }

            if (credential is not null)
            {
                var bearer = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] };

                // Optional: an empty requirement is the other way to satisfy it (a server that holds no credential).
                operation.Security = credential.Optional ? [new OpenApiSecurityRequirement(), bearer] : [bearer];
                if (credential.Optional)
                {
                    operation.Description += " The credential is optional here: required only for a server that holds one.";
                }
            }
        }

        private static void AddHeader(OpenApiResponse response, string name, string description, JsonSchemaType type)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = type } };
        }
    }
}
