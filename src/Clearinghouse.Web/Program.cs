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
using Microsoft.AspNetCore.DataProtection;

var builder = WebApplication.CreateBuilder(args);

// Serve CSS and JS from the build output in every environment, not only Development (a published app has no
// static web assets manifest, so this changes nothing there).
builder.WebHost.UseStaticWebAssets();

builder.Services.AddClearinghouseDatabase(builder.Configuration, builder.Environment);
builder.Services.AddClearinghouseHosting(builder.Configuration);

// Antiforgery keys live in the database, so several instances behind a load balancer (and a restart) agree.
builder.Services.AddDataProtection()
    .SetApplicationName("Clearinghouse")
    .PersistKeysToDbContext<ClearinghouseDbContext>();

builder.Services.AddSingleton<TimeProvider>(new MicrosecondTimeProvider(TimeProvider.System));
builder.Services.AddSingleton(RandomNumberGenerator.Create());
builder.Services.AddLicensingRules();
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
builder.Services.AddLicensing();
builder.Services.AddLicenseServerApi();
builder.Services.AddIdempotencyPurge();
builder.Services.AddFlows();
builder.Services.AddLabAdministration();
builder.Services.AddAccounts(builder.Configuration, builder.Environment);

builder.Services.AddSiteLocalization();
builder.Services.AddRouting(options => options.LowercaseUrls = true);
builder.Services.AddRazorPages(options =>
{
    options.AddFlowRoutes();
    options.Conventions.AddConsoleAuthorization();
});

builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ApiProblems.AddStableCode);
builder.Services.AddApiDocumentation();

// Disposed on every way out, so that the console logger writes out why the portal did not start.
await using var app = builder.Build();

// Reaches (and migrates) the database, or logs in one line why it cannot: then the portal stops with exit code 1.
if (!await app.PrepareAsync())
{
    return 1;
}

// The roles, and the accounts a test or lab profile names in Accounts:Seed; a seed it cannot use stops the start.
if (!await app.SeedAccountsAsync())
{
    return 1;
}

// The API answers every error with problem details; pages show the error page.
app.UseClearinghouseErrorHandling();

app.UseSiteLocalization();
app.UseRouting();
app.UseNotFoundForUnknownAddresses();
app.UseDatabaseReadinessGate();
app.UseLabState();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseApiBodyLimit();

app.UseSwagger();
app.UseSwaggerUI(options =>
{
    options.DocumentTitle = "Clearinghouse API";

    // Swagger UI's theme misses WCAG's contrast minimum in a few places; this darkens them.
    options.InjectStylesheet("/css/swagger.css");
});

app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapLicenseServerApi();
app.MapClearinghouseHealthChecks();

await app.RunAsync();
return 0;

/// <summary>The portal's entry point; public so that tests can host it.</summary>
public partial class Program;
