using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Clearinghouse.Tests.Infrastructure;

/// <summary>An account the test portal is seeded with (Accounts:Seed), or one a test creates.</summary>
public sealed record TestAccount(string Email, string Password);

/// <summary>
/// The accounts every <see cref="ClearinghouseFactory"/> is seeded with, and signing in through the sign-in page as a
/// person does (the form, its antiforgery token, the cookie kept by the client).
/// </summary>
public static class ConsoleAccounts
{
    public static readonly TestAccount Administrator = new("admin@clearinghouse.test", "Lab-Admin-Password-1");

    public static readonly TestAccount Representative = new("rep@clearinghouse.test", "Representative-Password-1");

    /// <summary>
    /// A client for pages over https (the console's cookie is Secure outside Development, and a client keeps it only
    /// for https), not following redirects.
    /// </summary>
    public static HttpClient CreateSecureClient(this WebApplicationFactory<Program> host, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var client = host.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("https://localhost"),
        });
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }

    /// <summary>A new client signed in as <paramref name="account"/>.</summary>
    public static async Task<HttpClient> SignedInAsync(this WebApplicationFactory<Program> host, TestAccount account, string? language = null)
    {
        var client = host.CreateSecureClient(language);
        using var response = await client.SignInAsync(account);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Signing in as {account.Email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>
    /// Fills in and submits the sign-in form; the response is the redirect, or the page again with errors.
    /// <paramref name="beforeSubmit"/> runs between loading the form and submitting it (to send it to another instance).
    /// </summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, TestAccount account, string? returnUrl = null, Action? beforeSubmit = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        var page = await HtmlPage.GetAsync(client, returnUrl is null ? "/console/sign-in" : $"/console/sign-in?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        beforeSubmit?.Invoke();
        return await page.Form().Fill(Field(page, "Input_Email"), account.Email).Fill(Field(page, "Input_Password"), account.Password).SubmitAsync();
    }

    // The label's text in the page's language, so that signing in works in every language.
    private static string Field(HtmlPage page, string id) =>
        string.Join(' ', page.Document.QuerySelector($"label[for={id}]")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

public static class ConsoleRoutes
{
    /// <summary>Every Razor page's route template, with a leading slash ("/console/admin/users/{id}/password").</summary>
    public static IEnumerable<string> GetRequiredServiceRoutes(this IServiceProvider services) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>(services).Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct(StringComparer.Ordinal);

    /// <summary>An account's ID, by its e-mail address.</summary>
    public static Task<string> UserIdAsync(this ClearinghouseFactory factory, string email)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Users.Where(u => u.Email == email).Select(u => u.Id)));
    }
}
