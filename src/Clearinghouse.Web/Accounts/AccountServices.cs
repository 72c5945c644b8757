using Clearinghouse.Web.Auditing;
using Clearinghouse.Web.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Accounts;

/// <summary>The <c>Accounts</c> configuration section.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>Failed sign-ins in a row that lock an account (<c>Accounts:Lockout:MaxFailedAttempts</c>).</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked (<c>Accounts:LockoutDuration</c>).</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a session's cookie is trusted before the account is looked at again (disabled, password reset): zero,
    /// by default, looks on every request, so a disabled account's sessions end at once.
    /// </summary>
    public TimeSpan SessionRecheckInterval { get; set; } = TimeSpan.Zero;

    /// <summary>How long a session lasts without a request (sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Accounts created at start when missing (<c>Accounts:Seed:0:Email</c>, <c>…:Password</c>, <c>…:Roles</c>,
    /// <c>…:DisplayName</c>): for tests and lab profiles. An existing account is left as it is.
    /// </summary>
    public List<SeedAccount> Seed { get; set; } = [];
}

public sealed class SeedAccount
{
    public string? Email { get; set; }

    public string? Password { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>Role names, comma-separated ("Representative", "LabAdministrator").</summary>
    public string? Roles { get; set; }
}

/// <summary>
/// A disabled account cannot sign in: Identity asks this before it checks a password (and answers "not allowed"),
/// which is why RequireConfirmedAccount is on — "confirmed" here means "not disabled".
/// </summary>
internal sealed class NotDisabled : IUserConfirmation<ConsoleUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<ConsoleUser> manager, ConsoleUser user) => Task.FromResult(!user.IsDisabled);
}

public static class AccountServices
{
    public const string SignInPath = "/console/sign-in";

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountsOptions>().BindConfiguration(AccountsOptions.Section);
        var accounts = configuration.GetSection(AccountsOptions.Section).Get<AccountsOptions>() ?? new AccountsOptions();

        services.AddHttpContextAccessor();
        services.AddScoped<AuditLog>();
        services.AddIdentity<ConsoleUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = Math.Max(1, accounts.MaxFailedAttempts);
                options.Lockout.DefaultLockoutTimeSpan = accounts.LockoutDuration;
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
            })
            .AddEntityFrameworkStores<ClearinghouseDbContext>()
            .AddDefaultTokenProviders();
        services.AddScoped<IUserConfirmation<ConsoleUser>, NotDisabled>();
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = accounts.SessionRecheckInterval);

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "Clearinghouse.Console";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Secure outside Development through the cookie policy, like every cookie of the portal (Https:SecureCookies).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = accounts.SessionLifetime;
            options.SlidingExpiration = true;
            options.LoginPath = SignInPath;
            options.LogoutPath = "/console/sign-out";

            // A signed-in account without the role gets the error page with 403, not a redirect to another page.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Console, policy => policy.RequireRole(Roles.Representative, Roles.LabAdministrator))
            .AddPolicy(Policies.LabAdministrator, policy => policy.RequireRole(Roles.LabAdministrator));
        return services;
    }

    /// <summary>
    /// Creates the roles and the accounts <see cref="AccountsOptions.Seed"/> names that do not exist yet. False (with
    /// the reason logged in one line) when a seeded account cannot be created, e.g. its password breaks the rules.
    /// </summary>
    public static async Task<bool> SeedAccountsAsync(this WebApplication app)
    {
        // Not migrated (MigrateOnStartup off): there are no tables yet; pages answer 503 until there are.
        if ((await app.Services.GetRequiredService<Hosting.DatabaseReadiness>().CheckAsync(CancellationToken.None)).State
            != Hosting.DatabaseState.Ready)
        {
            return true;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Clearinghouse.Accounts");
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        var db = services.GetRequiredService<ClearinghouseDbContext>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await CreatedByEitherAsync(db, () => roles.CreateAsync(new IdentityRole(role)));
            }
        }

        var users = services.GetRequiredService<UserManager<ConsoleUser>>();
        var audit = services.GetRequiredService<AuditLog>();
        var seed = services.GetRequiredService<IOptions<AccountsOptions>>().Value.Seed;
        for (var i = 0; i < seed.Count; i++)
        {
            var account = seed[i];
            var setting = $"{AccountsOptions.Section}:Seed:{i}";
            var wanted = (account.Roles ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = wanted.Where(r => Roles.Find(r) is null).ToList();
            if (string.IsNullOrWhiteSpace(account.Email) || string.IsNullOrEmpty(account.Password) || unknown.Count > 0 || wanted.Length == 0)
            {
                logger.LogCritical("{Setting} needs Email, Password and Roles (one or more of {Roles}); it cannot be used.",
                    setting, string.Join(", ", Roles.All));
                return false;
            }

            if (await users.FindByEmailAsync(account.Email) is not null)
            {
                continue;
            }

            var user = NewUser(account.Email, account.DisplayName, services.GetRequiredService<TimeProvider>());
            var created = await CreatedByEitherAsync(db, () => users.CreateAsync(user, account.Password));
            // Another instance starting at the same time created it (and gives it its roles): between the check above
            // and the insert (the unique index refuses this one), or before Identity's own check for a duplicate.
            if (created is null || !created.Succeeded && created.Errors.All(e => e.Code is "DuplicateUserName" or "DuplicateEmail")
                && await users.FindByEmailAsync(account.Email) is not null)
            {
                continue;
            }

            if (!created.Succeeded)
            {
                logger.LogCritical("{Setting} cannot be created: {Reasons}", setting, string.Join(" ", created.Errors.Select(e => e.Description)));
                return false;
            }

            audit.Add(AuditActions.AccountSeeded, user.Email, $"roles {string.Join(", ", wanted.Select(Roles.Find))}");
            await users.AddToRolesAsync(user, wanted.Select(r => Roles.Find(r)!));
        }

        return true;
    }

    /// <summary>
    /// Creates a role or a seeded account, unless another instance starting on the same database at the same moment
    /// creates it between the check and the insert: then its unique index refuses this one, which is dropped (null).
    /// </summary>
    private static async Task<IdentityResult?> CreatedByEitherAsync(ClearinghouseDbContext db, Func<Task<IdentityResult>> create)
    {
        try
        {
            return await create();
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            db.ChangeTracker.Clear();
            return null;
        }
    }

    public static ConsoleUser NewUser(string email, string? displayName, TimeProvider clock) => new()
    {
        UserName = email.Trim(),
        Email = email.Trim(),
        EmailConfirmed = true,
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? email.Trim() : displayName.Trim(),
        CreatedAt = clock.GetUtcNow(),
    };
}
