using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Auditing;
using Clearinghouse.Web.Pages.Shared;
using Clearinghouse.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Pages.Console;

public sealed record SignInInput
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}

/// <summary>
/// Signs a representative or administrator in. A wrong e-mail address, a wrong password and a disabled account are
/// answered alike, so the page does not tell who has an account; a locked account is said to be locked. Every outcome
/// is audited.
/// </summary>
public sealed class SignInModel(SignInManager<ConsoleUser> signIn, AuditLog audit, IOptions<AccountsOptions> accounts) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(Input.Email))
        {
            errors.Add(new($"{nameof(Input)}.{nameof(Input.Email)}", Texts.Get("Accounts.SignIn.Email.Required")));
        }

        if (string.IsNullOrEmpty(Input.Password))
        {
            errors.Add(new($"{nameof(Input)}.{nameof(Input.Password)}", Texts.Get("Accounts.SignIn.Password.Required")));
        }

        if (errors.Count == 0)
        {
            var email = Input.Email!.Trim();
            var result = await signIn.PasswordSignInAsync(email, Input.Password!, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                var user = await signIn.UserManager.FindByNameAsync(email);
                await audit.WriteAsync(AuditActions.SignIn, user!.Email, actor: user.Email, actorUserId: user.Id,
                    cancellationToken: HttpContext.RequestAborted);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/console");
            }

            if (result.IsLockedOut)
            {
                await audit.WriteAsync(AuditActions.SignInLockedOut, email, cancellationToken: HttpContext.RequestAborted);
                var minutes = (int)Math.Ceiling(accounts.Value.LockoutDuration.TotalMinutes);
                errors.Add(new($"{nameof(Input)}.{nameof(Input.Email)}", Texts.Get("Accounts.SignIn.LockedOut", minutes)));
            }
            else
            {
                await audit.WriteAsync(result.IsNotAllowed ? AuditActions.SignInRefusedDisabled : AuditActions.SignInFailed, email,
                    cancellationToken: HttpContext.RequestAborted);
                errors.Add(new($"{nameof(Input)}.{nameof(Input.Email)}", Texts.Get("Accounts.SignIn.Incorrect")));
            }
        }

        Errors = errors;
        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field, error.Message);
        }

        Input.Password = null;
        return Page();
    }
}
