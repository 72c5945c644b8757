using System.Net;
using System.Net.Http.Json;
using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Web.Api;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Clearinghouse.Tests.Api;

/// <summary>The API's validation filter, on a small app of its own so that it can be misconfigured on purpose.</summary>
public sealed class ValidationFilterTests
{
    public sealed record Thing(string? Name);

    public sealed class ThingValidator : AbstractValidator<Thing>
    {
        public ThingValidator() => RuleFor(x => x.Name).NotEmpty().WithErrorCode("missing-value");
    }

    [Fact]
    public async Task Start_WhenAnEndpointValidatesATypeItsHandlerDoesNotTake_FailsNamingTheType()
    {
        await using var app = NewApp(services => services.AddSingleton<IValidator<Thing>, ThingValidator>());
        app.MapPost("/things", (string name) => name).Validate<Thing>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("validate its Thing argument, but the handler takes no Thing (it takes String name)", error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WhenTheValidatedTypeHasNoValidator_FailsNamingTheType()
    {
        await using var app = NewApp(_ => { });
        app.MapPost("/things", (Thing thing) => thing.Name).Validate<Thing>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("no IValidator<Thing> is registered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_WhenTheArgumentIsInvalid_IsRefusedWithTheValidatorsCode()
    {
        await using var app = NewApp(services => services.AddSingleton<IValidator<Thing>, ThingValidator>());
        app.MapPost("/things", (Thing thing) => thing.Name).Validate<Thing>();
        await app.StartAsync();
        using var client = app.GetTestClient();

        using var refused = await client.PostAsJsonAsync("/things", new Thing(""));
        using var taken = await client.PostAsJsonAsync("/things", new Thing("Contoso"));

        var problem = await Problems.ReadAsync(refused, HttpStatusCode.BadRequest, "missing-value");
        Assert.Equal("name", problem.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
    }

    private static WebApplication NewApp(Action<IServiceCollection> configure)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ApiProblems.AddStableCode);
        builder.Services.AddLicenseServerApi();
        configure(builder.Services);
        return builder.Build();
    }
}
