using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Auditing;
using Clearinghouse.Web.Pages.Shared;
using Clearinghouse.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clearinghouse.Web.Pages.Console.Admin;

public sealed record PasswordInput
{
    public string? Password { get; set; }

    public string? ConfirmPassword { get; set; }
}

/// <summary>
/// An administrator sets a new password for an account (a representative who forgot theirs): its sessions end, a
/// lockout is lifted, and the reset is audited in the same save.
/// </summary>
public sealed class PasswordModel(UserManager<ConsoleUser> users, AuditLog audit) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public ConsoleUser Account { get; private set; } = null!;

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }

        Account = user;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (await users.FindByIdAsync(id) is not { } user)
        {
            return NotFound();
        }

        Account = user;
        var errors = (await Passwords.ProblemsAsync(users, user, Input.Password))
            .Select(p => new FieldError($"{nameof(Input)}.{nameof(Input.Password)}", p)).ToList();
        if (!string.IsNullOrEmpty(Input.Password) && Input.Password != Input.ConfirmPassword)
        {
            errors.Add(new($"{nameof(Input)}.{nameof(Input.ConfirmPassword)}", Texts.Get("Accounts.Password.Mismatch")));
        }

        if (errors.Count == 0)
        {
            audit.Add(AuditActions.PasswordReset, user.Email);
            user.AccessFailedCount = 0;
            user.LockoutEnd = null;
            var token = await users.GeneratePasswordResetTokenAsync(user);

            // Sets the hash and a new security stamp, and saves once: the audit entry and the lifted lockout with it.
            var result = await users.ResetPasswordAsync(user, token, Input.Password!);
            if (result.Succeeded)
            {
                return RedirectToPage("/Console/Admin/Users", null, new { done = "password" }, "accounts");
            }

            errors.Add(new($"{nameof(Input)}.{nameof(Input.Password)}", Texts.Get("Accounts.Password.Weak")));
        }

        Errors = errors;
        AccountForm.Show(ModelState, errors);
        return Page();
    }
}
