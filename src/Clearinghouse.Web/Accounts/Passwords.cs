using Microsoft.AspNetCore.Identity;

namespace Clearinghouse.Web.Accounts;

public static class Passwords
{
    /// <summary>
    /// Identity's password rules, checked before anything is staged for saving: what is wrong with the password, in
    /// the request's language, or nothing.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(UserManager<ConsoleUser> users, ConsoleUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (string.IsNullOrEmpty(password))
        {
            return [Resources.Texts.Get("Accounts.Password.Required")];
        }

        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            problems.AddRange(result.Errors.Select(Describe));
        }

        return problems;
    }

    /// <summary>Identity's error, said in the site's words (its own descriptions are English only).</summary>
    private static string Describe(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => Resources.Texts.Get("Accounts.Password.TooShort", 12),
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => Resources.Texts.Get("Accounts.Password.RequiresDigit"),
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => Resources.Texts.Get("Accounts.Password.RequiresLower"),
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => Resources.Texts.Get("Accounts.Password.RequiresUpper"),
        _ => Resources.Texts.Get("Accounts.Password.Weak"),
    };
}
