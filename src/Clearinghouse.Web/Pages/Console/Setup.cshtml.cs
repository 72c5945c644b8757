using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Auditing;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Pages.Shared;
using Clearinghouse.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Pages.Console;

public sealed record AccountInput
{
    public string? Email { get; set; }

    public string? DisplayName { get; set; }

    public string? Password { get; set; }

    public string? ConfirmPassword { get; set; }
}

/// <summary>
/// First run: creates the first lab administrator, with a password the person chooses. The page exists only while
/// there is no lab administrator; once there is one it answers 404, like any unknown address — it closes itself.
/// </summary>
public sealed class SetupModel(
    UserManager<ConsoleUser> users, SignInManager<ConsoleUser> signIn, AuditLog audit, ClearinghouseDbContext db, TimeProvider clock)
    : PageModel
{
    [BindProperty]
    public AccountInput Input { get; set; } = new();

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await IsClosedAsync() ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await IsClosedAsync())
        {
            return NotFound();
        }

        var user = AccountServices.NewUser(Input.Email ?? string.Empty, Input.DisplayName, clock);
        var errors = await AccountForm.ValidateAsync(Input, users, user, nameof(Input));
        if (errors.Count == 0)
        {
            var strategy = db.Database.CreateExecutionStrategy();
            var created = await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(HttpContext.RequestAborted);
                audit.Add(AuditActions.AdministratorCreated, user.Email, actor: user.Email, actorUserId: user.Id);
                var result = await users.CreateAsync(user, Input.Password!);
                if (!result.Succeeded)
                {
                    return false;
                }

                await users.AddToRoleAsync(user, Roles.LabAdministrator);
                await transaction.CommitAsync(HttpContext.RequestAborted);
                return true;
            });
            if (created)
            {
                await signIn.SignInAsync(user, isPersistent: false);
                return LocalRedirect("/console");
            }

            errors = [new($"{nameof(Input)}.{nameof(Input.Email)}", Texts.Get("Accounts.Email.Taken"))];
        }

        Errors = errors;
        AccountForm.Show(ModelState, errors);
        Input.Password = Input.ConfirmPassword = null;
        return Page();
    }

    private async Task<bool> IsClosedAsync() => (await users.GetUsersInRoleAsync(Roles.LabAdministrator)).Count > 0;
}
