using Clearinghouse.Web.Accounts;
using Clearinghouse.Web.Auditing;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Pages.Shared;
using Clearinghouse.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Pages.Console.Admin;

/// <summary>An account as the list shows it.</summary>
public sealed record AccountRow(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool IsDisabled, bool IsLockedOut);

/// <summary>
/// Lab administrators list the console's accounts, create representatives and disable or enable them. Each change is
/// audited in the same save as the change. Resetting a password is its own page (<see cref="PasswordModel"/>).
/// </summary>
public sealed class UsersModel(
    UserManager<ConsoleUser> users, AuditLog audit, ClearinghouseDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public AccountInput Input { get; set; } = new();

    public IReadOnlyList<AccountRow> Accounts { get; private set; } = [];

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>What the post that redirected here did, to say so.</summary>
    public string? Done { get; private set; }

    public async Task OnGetAsync([FromQuery] string? done)
    {
        Done = done is "created" or "disabled" or "enabled" or "password" ? done : null;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var user = AccountServices.NewUser(Input.Email ?? string.Empty, Input.DisplayName, clock);
        var errors = await AccountForm.ValidateAsync(Input, users, user, nameof(Input));
        if (errors.Count == 0)
        {
            var strategy = db.Database.CreateExecutionStrategy();
            var created = await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(HttpContext.RequestAborted);
                audit.Add(AuditActions.AccountCreated, user.Email, $"role {Roles.Representative}");
                if (!(await users.CreateAsync(user, Input.Password!)).Succeeded)
                {
                    return false;
                }

                await users.AddToRoleAsync(user, Roles.Representative);
                await transaction.CommitAsync(HttpContext.RequestAborted);
                return true;
            });
            if (created)
            {
                return RedirectToPage(null, null, new { done = "created" }, "accounts");
            }

            errors = [new($"{nameof(Input)}.{nameof(Input.Email)}", Texts.Get("Accounts.Email.Taken"))];
        }

        Errors = errors;
        AccountForm.Show(ModelState, errors);
        Input.Password = Input.ConfirmPassword = null;
        await LoadAsync();
        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync(string id) => SetDisabledAsync(id, disabled: true);

    public Task<IActionResult> OnPostEnableAsync(string id) => SetDisabledAsync(id, disabled: false);

    private async Task<IActionResult> SetDisabledAsync(string id, bool disabled)
    {
        var user = await users.FindByIdAsync(id ?? string.Empty);
        if (user is null)
        {
            return NotFound();
        }

        // An administrator cannot shut themselves out (and the console out of its last administrator) by mistake.
        if (disabled && user.Id == users.GetUserId(User))
        {
            Errors = [new($"account-{user.Id}", Texts.Get("Admin.Users.CannotDisableSelf"), $"#account-{user.Id}")];
            await LoadAsync();
            return Page();
        }

        if (user.IsDisabled != disabled)
        {
            audit.Add(disabled ? AuditActions.AccountDisabled : AuditActions.AccountEnabled, user.Email);
            user.DisabledAt = disabled ? clock.GetUtcNow() : null;

            // A new security stamp ends the account's sessions at their next request; one save with the audit entry.
            await users.UpdateSecurityStampAsync(user);
        }

        return RedirectToPage(null, null, new { done = disabled ? "disabled" : "enabled" }, "accounts");
    }

    private async Task LoadAsync()
    {
        var now = clock.GetUtcNow();
        var accounts = await db.Users.AsNoTracking().OrderBy(u => u.NormalizedEmail).ToListAsync(HttpContext.RequestAborted);
        var roles = await db.UserRoles.AsNoTracking()
            .Join(db.Roles.AsNoTracking(), ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(HttpContext.RequestAborted);
        Accounts = [.. accounts.Select(u => new AccountRow(u.Id, u.Email ?? string.Empty, u.DisplayName,
            [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order(StringComparer.Ordinal)],
            u.IsDisabled, u.LockoutEnd > now))];
    }
}
