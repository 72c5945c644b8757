using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Auditing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Pages.Console;

/// <summary>Signing out is a POST (with the antiforgery token), so a link or an image elsewhere cannot sign anyone out.</summary>
public sealed class SignOutModel(SignInManager<ConsoleUser> signIn, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : LocalRedirect(AccountServices.SignInPath);

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await audit.WriteAsync(AuditActions.SignOut, User.Identity.Name, cancellationToken: HttpContext.RequestAborted);
            await signIn.SignOutAsync();
        }

        return LocalRedirect(AccountServices.SignInPath);
    }
}
