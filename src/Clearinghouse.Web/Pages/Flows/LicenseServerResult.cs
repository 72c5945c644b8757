using System.Globalization;
using System.Text;
using Clearinghouse.Web.Data;
using Clearinghouse.Web.Licensing;
using Clearinghouse.Web.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Clearinghouse.Web.Pages.Flows;

/// <summary>
/// The result of a flow that issues a License Server ID (Activate and Reactivate a license server): the new ID, the
/// notice to keep it, a receipt to keep it with, and what to do next. What was issued — the registered server and, for a
/// reactivation, the key packs that followed it to the new ID — comes first, read from what the database holds; then
/// the request as the flow records it, frozen since it was submitted. A flow's Result.cshtml names this model and
/// includes _LicenseServerResult.
/// </summary>
public sealed class LicenseServerResultModel(ClearinghouseDbContext db) : PageModel
{
    private Flow? _flow;

    /// <summary>The flow whose result this page is, by its declaration.</summary>
    public Flow Flow => _flow ??= FlowRegistry.ResultAt(PageContext.ActionDescriptor.ViewEnginePath, Request.Path)
        ?? throw new InvalidOperationException(
            $"The page {PageContext.ActionDescriptor.ViewEnginePath} shows a License Server ID, but no flow declares it as its result.");

    public Guid RequestId { get; private set; }

    /// <summary>The license server registered for the request: its new License Server ID.</summary>
    public LicenseServer Server { get; private set; } = null!;

    /// <summary>The submitted request the server answers.</summary>
    public CalRequest Submitted { get; private set; } = null!;

    /// <summary>
    /// For a reactivation, the key packs that were bound to the previous ID and followed the server to its new one
    /// (oldest first); null for an activation, which has no previous ID.
    /// </summary>
    public IReadOnlyList<KeyPack>? FollowedKeyPacks { get; private set; }

    public IReadOnlyList<SummarySection> Sections { get; private set; } = [];

    public string FormattedServerId => IdFormat.LicenseServerId.Format(Server.Id);

    /// <summary>The ID the server had before a reactivation; null for an activation.</summary>
    public string? FormattedPreviousServerId =>
        Submitted.TargetLicenseServerId is { } previous ? IdFormat.LicenseServerId.Format(previous) : null;

    /// <summary>The newest CAL version the server accepts, when known from its activation.</summary>
    public string? AcceptedVersion => CatalogueNames.ProductVersion(Server.ProductVersionCode);

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id)
    {
        if (await LoadAsync(id) is { } elsewhere)
        {
            return elsewhere;
        }

        ViewData["Title"] = Texts.Get("ServerResult.PageTitle", Flow.Title);
        return Page();
    }

    /// <summary>The receipt as a plain-text download: readable anywhere, printable, easy to attach to a ticket.</summary>
    public async Task<IActionResult> OnGetReceiptAsync([FromRoute] Guid id)
    {
        if (await LoadAsync(id) is { } elsewhere)
        {
            return elsewhere;
        }

        var text = LicenseServerReceipt.Text(Server.Id, Sections);
        var fileName = $"license-server-id-{Server.Id[..5]}.txt";
        return File(Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", fileName);
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var flow = Flow;
        var cancellationToken = HttpContext.RequestAborted;
        var request = await db.CalRequests.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == id && r.Kind == flow.Kind && r.Channel == flow.Channel, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        if (request.IssuedLicenseServerId is not { } serverId)
        {
            // Not submitted yet: the wizard knows where it stands.
            return Redirect(Url.Content("~" + flow.PathOf(flow.Review, id)));
        }

        RequestId = id;
        Submitted = request;
        Server = await db.LicenseServers.AsNoTracking().SingleAsync(s => s.Id == serverId, cancellationToken);
        if (request.TargetLicenseServerId is not null)
        {
            FollowedKeyPacks = await FollowedKeyPacksAsync(Server, cancellationToken);
        }

        Sections = [Issued(), .. FollowedSection(), .. flow.Record(request)];
        return null;
    }

    /// <summary>
    /// The key packs that followed <paramref name="server"/> when it was given its ID: those bound to it, or to the IDs
    /// it was given by later reactivations, that were issued before it was — for the previous ID, since no other ID
    /// existed for them then — less those whose CALs had been migrated to another server by then: they were no longer
    /// the server's to take along. (A key pack moves whole and keeps its issue and migration times, so this reads the
    /// same every time.)
    /// </summary>
    private async Task<List<KeyPack>> FollowedKeyPacksAsync(LicenseServer server, CancellationToken cancellationToken)
    {
        var ids = new List<string> { server.Id };
        for (var later = server.ReplacedById; later is not null && !ids.Contains(later); )
        {
            ids.Add(later);
            later = await db.LicenseServers.AsNoTracking().Where(s => s.Id == later).Select(s => s.ReplacedById)
                .SingleOrDefaultAsync(cancellationToken);
        }

        var reactivatedAt = server.ActivatedAt!.Value;
        return await db.KeyPacks.AsNoTracking()
            .Where(k => ids.Contains(k.LicenseServerId) && k.IssuedAt <= reactivatedAt &&
                (k.MigratedAt == null || k.MigratedAt > reactivatedAt))
            .OrderBy(k => k.IssuedAt).ThenBy(k => k.Id)
            .ToListAsync(cancellationToken);
    }

    private SummarySection Issued()
    {
        // The ID itself is shown (and written on the receipt) above everything else, once.
        List<SummaryRow> rows =
        [
            new(Labels.Issued, SummaryRows.Time(Server.ActivatedAt!.Value)),
        ];
        if (AcceptedVersion is { } version)
        {
            rows.Add(new(Texts.Get("ServerResult.AcceptsCalsUpTo"), version));
        }

        return new(Texts.Get("ServerResult.Section.Issued"), null, rows);
    }

    private IEnumerable<SummarySection> FollowedSection()
    {
        if (FollowedKeyPacks is not { Count: > 0 } keyPacks)
        {
            yield break;
        }

        yield return new(Texts.Get("ServerResult.KeyPacks.Heading"), null,
        [
            .. keyPacks.Select(k => new SummaryRow(IdFormat.KeyPackId.Format(k.Id), Texts.Get("ServerResult.KeyPackContents",
                k.Quantity,
                CatalogueNames.CalType(k.CalTypeCode) ?? k.CalTypeCode,
                CatalogueNames.ProductVersion(k.ProductVersionCode) ?? k.ProductVersionCode,
                CatalogueNames.Program(k.LicenseProgramCode) ?? k.LicenseProgramCode))),
        ]);
    }
}

/// <summary>The plain-text receipt for an issued License Server ID: the ID, then what was issued and the request.</summary>
/// <remarks>Written as the key pack receipt is (<see cref="Receipt"/>): values inert, columns lined up in every language.</remarks>
public static class LicenseServerReceipt
{
    public static string Text(string serverId, IReadOnlyList<SummarySection> sections)
    {
        ArgumentNullException.ThrowIfNull(serverId);
        return Receipt.Text(
            Texts.Get("ServerResult.Receipt.Title"),
            Labels.LicenseServerId,
            IdFormat.LicenseServerId.Format(serverId),
            Texts.Get("ServerResult.Receipt.Keep"),
            sections);
    }
}
