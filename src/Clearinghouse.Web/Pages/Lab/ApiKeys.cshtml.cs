using Clearinghouse.Web.Data;
using Clearinghouse.Web.Lab;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Pages.Shared;
using Clearinghouse.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Pages.Lab;

/// <summary>A lab API key as the list shows it (never the key itself).</summary>
public sealed record ApiKeyRow(Guid Id, string Name, string Prefix, string? Owner, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// Lab API keys for scripts (/api/v1/lab). A new key is shown on the answer to the post that made it, and only there:
/// no redirect, so it never travels in an address or a cookie, and only its hash is stored.
/// </summary>
public sealed class ApiKeysModel(LabAdministrator admin, ClearinghouseDbContext db, UserManager<Accounts.ConsoleUser> users) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    public IReadOnlyList<ApiKeyRow> Keys { get; private set; } = [];

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>The key just made, shown this once.</summary>
    public CreatedLabApiKey? Created { get; private set; }

    public bool Revoked { get; private set; }

    public async Task OnGetAsync([FromQuery] bool revoked)
    {
        Revoked = revoked;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var name = Name?.Trim();
        var problem = string.IsNullOrEmpty(name) ? Texts.Get("Lab.ApiKeys.Name.Required")
            : name.Length > FieldLengths.Name ? Texts.Get("Lab.ApiKeys.Name.TooLong", FieldLengths.Name)
            : PlainText.Problem(name, Texts.Get("Lab.ApiKeys.Name"));
        if (problem is not null)
        {
            Errors = [new FieldError(nameof(Name), problem)];
            ModelState.AddModelError(nameof(Name), problem);
        }
        else
        {
            Created = await admin.CreateApiKeyAsync(name!, users.GetUserId(User)!, HttpContext.RequestAborted);
            Name = null;
            ModelState.Clear();
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        await admin.RevokeApiKeyAsync(id, HttpContext.RequestAborted);
        return RedirectToPage(null, null, new { revoked = true }, "keys");
    }

    private async Task LoadAsync() =>
        Keys = await db.LabApiKeys.AsNoTracking()
            .OrderByDescending(k => k.CreatedAt)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, db.Users.Where(u => u.Id == k.UserId).Select(u => u.Email).FirstOrDefault(),
                k.CreatedAt, k.RevokedAt))
            .ToListAsync(HttpContext.RequestAborted);
}
