using System.Security.Cryptography;
using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Api;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Hosting;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Localization;
using Clearinghouse.Web.Pages.Flows;
using Clearinghouse.Web.Lab;
using FluentValidation;

// The container's health check (see HealthProbe): asks a running portal and exits, starting nothing.
if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args, Console.Out);
}

// The deploy step: apply the migrations and exit. Taken out of the arguments, which are otherwise configuration
// (`--Section:Key=value`), where a bare `--migrate` would swallow the argument after it as its value.
var migrateOnly = args.Contains(ClearinghouseStartup.MigrateSwitch);
var builder = WebApplication.CreateBuilder([.. args.Where(a => a != ClearinghouseStartup.MigrateSwitch)]);

// Serve CSS and JS from the build output in every environment, not only Development (a published app has no
// static web assets manifest, so this changes nothing there).
builder.WebHost.UseStaticWebAssets();

// Operations: the log's format, metrics for Prometheus, and what production asks of every answer (HTTPS, security
// headers, the client's address from the load balancer).
builder.Logging.AddLogFormat(builder.Configuration);
builder.Services.AddTelemetry(builder.Configuration);
builder.Services.AddLoadBalancerSupport(builder.Configuration);
builder.Services.AddHttpsDefaults(builder.Configuration, builder.Environment);
builder.Services.AddSecurityHeaders();

builder.Services.AddClearinghouseDatabase(builder.Configuration, builder.Environment);
builder.Services.AddClearinghouseHosting(builder.Configuration);
builder.Services.AddSharedRateLimit();

// Antiforgery and sign-in keys live in the database, so several instances behind a load balancer (and a restart)
// agree; encrypted at rest when a certificate is configured (DataProtection:Certificate).
builder.Services.AddClearinghouseDataProtection(builder.Configuration, builder.Environment);

builder.Services.AddSingleton<TimeProvider>(new MicrosecondTimeProvider(TimeProvider.System));
builder.Services.AddSingleton(RandomNumberGenerator.Create());
builder.Services.AddLicensingRules();
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
builder.Services.AddLicensing();
builder.Services.AddLicenseServerApi();
builder.Services.AddIdempotencyPurge();
builder.Services.AddFlows();
builder.Services.AddLabAdministration();
builder.Services.AddAccounts(builder.Configuration);

builder.Services.AddSiteLocalization();
builder.Services.AddRouting(options => options.LowercaseUrls = true);
builder.Services.AddRazorPages(options =>
{
    options.AddFlowRoutes();
    options.Conventions.AddConsoleAuthorization();
});

builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ApiProblems.AddStableCode);
builder.Services.AddApiDocumentation(builder.Configuration, builder.Environment);

// Disposed on every way out, so that the console logger writes out why the portal did not start.
await using var app = builder.Build();

if (migrateOnly)
{
    return await app.MigrateAsync() ? 0 : 1;
}

// Reaches (and, when configured, migrates) the database, or logs in one line why it cannot: then the portal stops
// with exit code 1.
if (!await app.PrepareAsync())
{
    return 1;
}

// The roles, and the accounts a test or lab profile names in Accounts:Seed; a seed it cannot use stops the start.
if (!await app.SeedAccountsAsync())
{
    return 1;
}

// The client's address and scheme as the load balancer saw them (from known proxies only), then the headers every
// answer carries, error pages and 404s included.
app.UseLoadBalancerForwardedHeaders();
app.UseSecurityHeaders();

// The API answers every error with problem details; pages show the error page.
app.UseClearinghouseErrorHandling();

// /metrics for the allowed networks, before HTTPS redirection (a scraper calls the instance over plain HTTP).
app.UseMetricsEndpoint();
app.UseHttpsDefaults();

app.UseSiteLocalization();
app.UseRouting();
app.UseNotFoundForUnknownAddresses();
app.UseDatabaseReadinessGate();
app.UseLabState();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseSharedRateLimit();
app.UseApiBodyLimit();

// Swagger UI and the OpenAPI document; not in Production unless Api:Documentation:Enabled.
app.UseApiDocumentation();

app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapLicenseServerApi();
app.MapClearinghouseHealthChecks();

await app.RunAsync();
return 0;

/// <summary>The portal's entry point; public so that tests can host it.</summary>
public partial class Program;
