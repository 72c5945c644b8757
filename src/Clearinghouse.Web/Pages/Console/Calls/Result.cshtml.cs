using Clearinghouse.Web.Data;
using Clearinghouse.Web.Pages.Flows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Pages.Console.Calls;

/// <summary>
/// Where a telephone flow's submitted request goes: the request's console page, which shows what was issued in groups
/// of 5, spelled, with the check of a group the caller reads back (see <see cref="RequestModel"/>).
/// </summary>
public sealed class ResultModel(ClearinghouseDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id)
    {
        var flow = FlowRegistry.ResultAt(PageContext.ActionDescriptor.ViewEnginePath, Request.Path)
            ?? throw new InvalidOperationException($"No telephone flow has its result at {Request.Path}.");
        var request = await db.CalRequests.AsNoTracking()
            .Where(r => r.Id == id && r.Kind == flow.Kind && r.Channel == flow.Channel)
            .Select(r => new { r.SubmittedAt })
            .SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (request is null)
        {
            return NotFound();
        }

        return request.SubmittedAt is null
            ? Redirect(Url.Content("~" + flow.PathOf(flow.Review, id)))
            : RedirectToPage("/Console/Request", pageHandler: null, new { id }, fragment: "read-back");
    }
}
