using Clearinghouse.Tests.Infrastructure;
using Clearinghouse.Tests.Pages.ManageCals;

namespace Clearinghouse.Tests.Pages.Flows;

/// <summary>What a step refused by a licensing rule shows: the message in the summary, linked to its field, and on it.</summary>
public static class StepRefusals
{
    /// <summary>
    /// The page shows exactly <paramref name="message"/>, in the summary linking to the field with id
    /// <paramref name="fieldId"/>, and next to that field, which is marked invalid.
    /// </summary>
    public static void AssertRefusedOn(HtmlPage page, string fieldId, string message)
    {
        ArgumentNullException.ThrowIfNull(page);
        Assert.Equal([message], ManageCalsWizard.ErrorSummary(page));
        Assert.Equal($"#{fieldId}", page.Document.QuerySelector(".error-summary a")!.GetAttribute("href"));
        var field = page.Document.GetElementById(fieldId) ?? throw new InvalidOperationException($"{page.Address} has no #{fieldId}.");
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Contains($"{fieldId}-error", field.GetAttribute("aria-describedby")!.Split(' '));
        Assert.Equal($"Error: {message}", page.Document.GetElementById($"{fieldId}-error")!.TextContent.Trim());
    }
}
