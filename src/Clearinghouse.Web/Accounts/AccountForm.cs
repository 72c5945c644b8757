using System.Net.Mail;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Pages.Shared;
using Clearinghouse.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Clearinghouse.Web.Accounts;

/// <summary>The checks of a new account's form (setup, an administrator creating a representative).</summary>
public static class AccountForm
{
    public static async Task<List<FieldError>> ValidateAsync(
        Pages.Console.AccountInput input, UserManager<ConsoleUser> users, ConsoleUser user, string prefix)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(users);
        var errors = new List<FieldError>();
        var email = input.Email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            errors.Add(new($"{prefix}.Email", Texts.Get("Accounts.Email.Required")));
        }
        else if (email.Length > FieldLengths.Email || !MailAddress.TryCreate(email, out var address) || address.Address != email)
        {
            errors.Add(new($"{prefix}.Email", Texts.Get("Accounts.Email.Malformed")));
        }
        else if (await users.FindByEmailAsync(email) is not null)
        {
            errors.Add(new($"{prefix}.Email", Texts.Get("Accounts.Email.Taken")));
        }

        if (input.DisplayName is { } name && name.Trim().Length > FieldLengths.Name)
        {
            errors.Add(new($"{prefix}.DisplayName", Texts.Get("Accounts.DisplayName.TooLong", FieldLengths.Name)));
        }
        else if (Licensing.PlainText.Problem(input.DisplayName, Texts.Get("Accounts.DisplayName")) is { } problem)
        {
            errors.Add(new($"{prefix}.DisplayName", problem));
        }

        errors.AddRange((await Passwords.ProblemsAsync(users, user, input.Password)).Select(p => new FieldError($"{prefix}.Password", p)));
        if (!string.IsNullOrEmpty(input.Password) && input.Password != input.ConfirmPassword)
        {
            errors.Add(new($"{prefix}.ConfirmPassword", Texts.Get("Accounts.Password.Mismatch")));
        }

        return errors;
    }

    public static void Show(ModelStateDictionary state, IEnumerable<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var error in errors)
        {
            state.AddModelError(error.Field, error.Message);
        }
    }
}
