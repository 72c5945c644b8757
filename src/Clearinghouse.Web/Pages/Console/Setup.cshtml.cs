using System.Data;
using System.Data.Common;
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
            switch (await CreateFirstAdministratorAsync(user))
            {
                case SetupOutcome.Created:
                    await signIn.SignInAsync(user, isPersistent: false);
                    return LocalRedirect("/console");
                case SetupOutcome.Closed:
                    return NotFound();
            }

            errors = [new($"{nameof(Input)}.{nameof(Input.Email)}", Texts.Get("Accounts.Email.Taken"))];
        }

        Errors = errors;
        AccountForm.Show(ModelState, errors);
        Input.Password = Input.ConfirmPassword = null;
        return Page();
    }

    /// <summary>How often a setup the database refused (a lost race it did not make wait) is tried again.</summary>
    private const int MaxSetupAttempts = 3;

    /// <summary>The PostgreSQL advisory lock the first run's setup holds ("CHSETUP" in ASCII).</summary>
    private const long PostgreSqlSetupLock = 0x43_48_53_45_54_55_50;

    private enum SetupOutcome
    {
        Created,
        EmailTaken,
        Closed,
    }

    /// <summary>
    /// Creates the administrator only if there is still none, decided while holding the database's lock on the first
    /// run: of several people posting at once (two tabs, colleagues at the same first run), one is created and the
    /// others, waiting for the lock, then find the page closed. SQLite's transaction takes its write lock at the start;
    /// PostgreSQL takes a transaction-scoped advisory lock (and reads committed data after it); SQL Server's serializable
    /// read of the role's members holds a key-range lock, and a deadlock between two such readers is retried by its
    /// execution strategy. A refusal that still comes through is tried again while the page is not closed.
    /// </summary>
    private async Task<SetupOutcome> CreateFirstAdministratorAsync(ConsoleUser user)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var postgreSql = db.Database.IsNpgsql();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(
                        postgreSql ? IsolationLevel.ReadCommitted : IsolationLevel.Serializable, cancellationToken);
                    if (postgreSql)
                    {
                        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgreSqlSetupLock})", cancellationToken);
                    }

                    if (await IsClosedAsync())
                    {
                        return SetupOutcome.Closed;
                    }

                    audit.Add(AuditActions.AdministratorCreated, user.Email, actor: user.Email, actorUserId: user.Id);
                    if (!(await users.CreateAsync(user, Input.Password!)).Succeeded)
                    {
                        return SetupOutcome.EmailTaken;
                    }

                    await users.AddToRoleAsync(user, Roles.LabAdministrator);
                    await transaction.CommitAsync(cancellationToken);
                    return SetupOutcome.Created;
                });
            }
            catch (Exception exception) when (exception is DbUpdateException or DbException && attempt < MaxSetupAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<bool> IsClosedAsync() => (await users.GetUsersInRoleAsync(Roles.LabAdministrator)).Count > 0;
}
