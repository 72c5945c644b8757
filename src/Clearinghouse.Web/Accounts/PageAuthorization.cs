using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Clearinghouse.Web.Accounts;

public static class PageAuthorization
{
    /// <summary>
    /// Who may open which pages, by folder, so that a page added later is covered without remembering an attribute:
    /// the console needs a console account, its administration and lab administration a lab administrator; signing
    /// in, signing out and the one-time setup are open. The public site needs nothing.
    /// </summary>
    public static PageConventionCollection AddConsoleAuthorization(this PageConventionCollection conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        conventions.AuthorizeFolder("/Console", Policies.Console);
        conventions.AuthorizeFolder("/Console/Admin", Policies.LabAdministrator);
        conventions.AuthorizeFolder("/Lab", Policies.LabAdministrator);
        conventions.AllowAnonymousToPage("/Console/SignIn");
        conventions.AllowAnonymousToPage("/Console/SignOut");
        conventions.AllowAnonymousToPage("/Console/Setup");
        return conventions;
    }
}
