using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Clearinghouse.Web.Pages.Lab;

/// <summary>The <c>LabAdministration</c> configuration section.</summary>
public sealed class LabAdministrationOptions
{
    public const string Section = "LabAdministration";

    /// <summary>
    /// <c>LabAdministration:Enabled</c>: whether the lab administration pages (/lab/…) exist. Off by default: until
    /// sign-in exists, anyone who can reach the portal could use them, so a lab turns them on where that is acceptable.
    /// </summary>
    public bool Enabled { get; set; }
}

public static class LabAdministration
{
    /// <summary>
    /// The lab administration pages, there only when <see cref="LabAdministrationOptions.Enabled"/>: otherwise they
    /// have no route at all, so every request for them, forms included, is answered 404 like any unknown address.
    /// </summary>
    public static IServiceCollection AddLabAdministration(this IServiceCollection services)
    {
        services.AddOptions<LabAdministrationOptions>().BindConfiguration(LabAdministrationOptions.Section);

        // After every Configure: Razor Pages' own setup replaces the conventions collection, so one added before it
        // (AddRazorPages is called after this in Program.cs) would be lost.
        services.AddOptions<RazorPagesOptions>().PostConfigure<IOptions<LabAdministrationOptions>>((pages, lab) =>
        {
            if (!lab.Value.Enabled)
            {
                pages.Conventions.AddFolderRouteModelConvention("/Lab", model => model.Selectors.Clear());
            }
        });
        return services;
    }
}
