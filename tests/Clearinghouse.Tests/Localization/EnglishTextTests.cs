using AngleSharp.Html.Parser;

namespace Clearinghouse.Tests.Localization;

/// <summary>The detector the "no English left" tests rely on finds what it must and lets through what may stay.</summary>
public sealed class EnglishTextTests
{
    [Theory]
    [InlineData("問題があります There is a problem", "There is a problem")]
    [InlineData("次へ\nNext", "Next")]
    [InlineData("ライセンス コード (5 letters or digits)", "letters or digits")]
    [InlineData("Windows Server 2022 and earlier", "and earlier")]
    [InlineData("CAL の管理 · step 1 of 4", "step")]
    public void In_FindsEnglishWordsAndSentences(string text, string english) =>
        Assert.Contains(english, EnglishText.In(text));

    [Theory]
    [InlineData("Windows Server 2008 R2 以前")]
    [InlineData("Services Provider License Agreement の契約番号")]
    [InlineData("VDI Suite CAL 25 個")]
    [InlineData("ライセンス サーバー ID: BCDFG-HJKMP-QRTVW-XY234-6789B-CDFGH-JKMPQ")]
    [InlineData("RD ライセンス マネージャー · TS/RDS デバイスごとの CAL · 2026/11/28 16:20:44 (UTC)")]
    [InlineData("Clearinghouse – リモート デスクトップ サービスのライセンス")]
    [InlineData("電子メール アドレスは name@example.com の形式で入力してください。")]
    [InlineData("接続方法として [Web ブラウザー] を選択します。")]
    public void In_LetsThroughNamesIdsAndAcronyms(string text) => Assert.Empty(EnglishText.In(text));

    [Fact]
    public void OnPage_ReadsTextAndSpokenAttributes_ButNotCodeOrOtherLanguages()
    {
        var document = new HtmlParser().ParseDocument(
            """
            <html lang="ja"><head><title>確認 – Clearinghouse</title></head><body>
            <nav aria-label="Language steps"><a lang="en">English</a><a lang="ja">日本語</a></nav>
            <pre><code>curl -s -X POST http://localhost</code></pre>
            <p>次へ</p><p>Back</p><input type="submit" value="Send it">
            </body></html>
            """);

        var english = EnglishText.In(EnglishText.OnPage(document, "ja"));

        Assert.Equal(["Language steps", "Back", "Send it"], english);
    }
}
