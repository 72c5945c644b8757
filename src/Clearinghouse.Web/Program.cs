using System.Security.Cryptography;
using Clearinghouse.Web.Api;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.ManageCals;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

var builder = WebApplication.CreateBuilder(args);

// Serve CSS and JS from the build output in every environment, not only Development (a published app has no
// static web assets manifest, so this changes nothing there).
builder.WebHost.UseStaticWebAssets();

builder.Services.AddClearinghouseDatabase(builder.Configuration, builder.Environment);

// Antiforgery keys live in the database, so several instances behind a load balancer (and a restart) agree.
builder.Services.AddDataProtection()
    .SetApplicationName("Clearinghouse")
    .PersistKeysToDbContext<ClearinghouseDbContext>();

builder.Services.AddSingleton<TimeProvider>(new MicrosecondTimeProvider(TimeProvider.System));
builder.Services.AddSingleton(RandomNumberGenerator.Create());
builder.Services.AddScoped<KeyPackIssuer>();
builder.Services.AddScoped<KeyPackInstaller>();
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
builder.Services.AddLicensing();
builder.Services.AddLicenseServerApi();
builder.Services.AddManageCals();

builder.Services.AddRouting(options => options.LowercaseUrls = true);
builder.Services.AddRazorPages(options =>
    options.Conventions.AddPageRouteModelConvention("/ManageCals/Request", page =>
        // /manage-cals starts a request; links to an existing one keep using /manage-cals/{id}/request.
        page.Selectors.Add(new SelectorModel
        {
            AttributeRouteModel = new AttributeRouteModel { Template = "manage-cals", SuppressLinkGeneration = true },
        })));

builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ApiProblems.AddStableCode);
builder.Services.AddEndpointsApiExplorer();
builder.Services.AddSwaggerGen(options =>
{
    options.SwaggerDoc("v1", new()
    {
        Title = "Clearinghouse license-server API",
        Version = "v1",
        Description = "What RDS license servers call: submit license key pack IDs issued on the web site or by telephone.",
    });
    options.SupportNonNullableReferenceTypes();
    options.DocInclusionPredicate((_, description) =>
        description.RelativePath?.StartsWith(LicenseServerApi.Prefix[1..], StringComparison.Ordinal) == true);
});

var app = builder.Build();

await app.Services.MigrateClearinghouseDatabaseAsync();

// The API answers every error with problem details; pages show the error page.
app.UseWhen(LicenseServerApi.IsApiRequest, api =>
{
    // An unreadable body is the caller's mistake (400), whatever the environment; anything else is ours (500).
    api.UseExceptionHandler(new ExceptionHandlerOptions
    {
        StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : 500,
    });
    api.UseStatusCodePages();
});
app.UseWhen(context => !LicenseServerApi.IsApiRequest(context), site =>
{
    if (!app.Environment.IsDevelopment())
    {
        site.UseExceptionHandler("/Error");
    }

    site.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
});

app.UseRouting();
app.UseRateLimiter();

app.UseSwagger();
app.UseSwaggerUI(options => options.DocumentTitle = "Clearinghouse API");

app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapLicenseServerApi();

await app.RunAsync();

/// <summary>The portal's entry point; public so that tests can host it.</summary>
public partial class Program;
