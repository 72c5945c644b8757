using Clearinghouse.Web.Licensing;

namespace Clearinghouse.Tests.Licensing;

public sealed class PlainTextTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Contoso Lab")]
    [InlineData("  Contoso Lab \r\n")] // surrounding white space is trimmed before storing, line breaks included
    [InlineData("Müller & Söhne GmbH")]
    [InlineData("株式会社コントソ")]
    [InlineData("\u05E9\u05DC\u05D5\u05DD \u200FLtd")] // Hebrew with a right-to-left mark, as RTL keyboards type it
    [InlineData("O\u2019Brien\u200E")] // left-to-right mark
    [InlineData("\u0627\u0644\u061C")] // Arabic letter mark
    [InlineData("\U0001F468\u200D\U0001F4BB Contoso")] // a zero-width joiner inside an emoji
    public void Problem_ForOneLineOfText_IsNone(string? text) => Assert.Null(PlainText.Problem(text, "Company name"));

    [Theory]
    [InlineData("Contoso\nLicense key pack ID: BCDFG", "Company name contains a line break at character 8; enter it on one line.")]
    [InlineData("Contoso\r\nLab", "Company name contains a line break at character 8; enter it on one line.")]
    [InlineData("Contoso\rLab", "Company name contains a line break at character 8; enter it on one line.")]
    [InlineData("Contoso\u0085Lab", "Company name contains a line break at character 8; enter it on one line.")]
    [InlineData("Contoso\u2028Lab", "Company name contains a line break at character 8; enter it on one line.")]
    [InlineData("Contoso\u2029Lab", "Company name contains a line break at character 8; enter it on one line.")]
    [InlineData("Contoso\vLab", "Company name contains a line break at character 8; enter it on one line.")]
    [InlineData("Contoso\fLab", "Company name contains a line break at character 8; enter it on one line.")]
    [InlineData("Contoso\tLab", "Company name contains a tab at character 8; type a space instead.")]
    [InlineData("Contoso\u001B[2J", "Company name contains the control character U+001B at character 8, which is not text; remove it.")]
    [InlineData("\u0007Contoso", "Company name contains the control character U+0007 at character 1, which is not text; remove it.")]
    [InlineData("Contoso\0", "Company name contains the control character U+0000 at character 8, which is not text; remove it.")]
    [InlineData("Contoso\u007F", "Company name contains the control character U+007F at character 8, which is not text; remove it.")]
    [InlineData("Contoso\u009B", "Company name contains the control character U+009B at character 8, which is not text; remove it.")]
    [InlineData("\U0001F600 Contoso\u0008", "Company name contains the control character U+0008 at character 10, which is not text; remove it.")]
    public void Problem_ForControlCharactersAndLineBreaks_SaysWhatAndWhere(string text, string message) =>
        Assert.Equal(message, PlainText.Problem(text, "Company name"));

    [Theory]
    [InlineData('\u202A')]
    [InlineData('\u202B')]
    [InlineData('\u202C')]
    [InlineData('\u202D')]
    [InlineData('\u202E')]
    [InlineData('\u2066')]
    [InlineData('\u2067')]
    [InlineData('\u2068')]
    [InlineData('\u2069')]
    public void Problem_ForBidirectionalOverridesEmbeddingsAndIsolates_SaysTheyReorderText(char control)
    {
        var message = PlainText.Problem($"Con{control}toso", "City");

        Assert.Equal(
            $"City contains U+{(int)control:X4} at character 4, an invisible character that changes the order text is " +
            "shown in; remove it.",
            message);
    }
}
