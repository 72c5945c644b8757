using Clearinghouse.Web.Resources;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Clearinghouse.Web.Pages.Shared;

/// <summary>
/// Ties a field to its error message for assistive technology: an invalid field gets aria-invalid and is described
/// by its message (WCAG 3.3.1). Runs after the framework's own input, select and textarea tag helpers.
/// </summary>
[HtmlTargetElement("input", Attributes = ForAttribute)]
[HtmlTargetElement("select", Attributes = ForAttribute)]
[HtmlTargetElement("textarea", Attributes = ForAttribute)]
public sealed class FieldErrorTagHelper : TagHelper
{
    private const string ForAttribute = "asp-for";

    [HtmlAttributeName(ForAttribute)]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override int Order => 100;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (!ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) || entry.Errors.Count == 0)
        {
            return;
        }

        var errorId = FieldIds.ErrorId(name);
        var describedBy = output.Attributes.TryGetAttribute("aria-describedby", out var existing)
            ? $"{existing.Value} {errorId}"
            : errorId;
        output.Attributes.SetAttribute("aria-describedby", describedBy);
        output.Attributes.SetAttribute("aria-invalid", "true");
    }
}

/// <summary>Gives each field's error message an id (for aria-describedby) and a spoken "Error:" prefix, in the page's language.</summary>
[HtmlTargetElement("span", Attributes = ForAttribute)]
public sealed class FieldErrorMessageTagHelper : TagHelper
{
    private const string ForAttribute = "asp-validation-for";

    [HtmlAttributeName(ForAttribute)]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override int Order => 100;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        output.Attributes.SetAttribute("id", FieldIds.ErrorId(name));
        if (ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0)
        {
            output.PreContent.SetHtmlContent("<span class=\"visually-hidden\">").Append(Texts.Get("Fields.ErrorPrefix")).AppendHtml("</span>");
        }
    }
}

public static class FieldIds
{
    public static string ErrorId(string fieldName) => TagBuilder.CreateSanitizedId(fieldName, "_") + "-error";
}
