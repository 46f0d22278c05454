using System.Text;
using Reelay.Providers.Local;

namespace Reelay.Tests.Providers.Local;

public sealed class TitleTextTests
{
    private static void AssertWellFormed(string text)
    {
        // Must survive a strict UTF-8 round trip: no lone surrogate halves from cutting an emoji in two.
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        Assert.Equal(text, strict.GetString(strict.GetBytes(text)));
    }

    [Fact]
    public void Layout_ShortPrompt_OneLineLargestFont()
    {
        var (text, fontSize) = TitleText.Layout("A lighthouse at dusk", 1280, 720);

        Assert.Equal("A lighthouse at dusk", text);
        Assert.Equal(720 / 13, fontSize);
    }

    [Fact]
    public void Layout_LongerPrompt_WrapsOnWordsWithinWidth()
    {
        const string prompt = "the quick brown fox jumps over the lazy dog while the camera slowly circles around the scene at golden hour";

        var (text, fontSize) = TitleText.Layout(prompt, 1280, 720);

        var lines = text.Split('\n');
        Assert.True(lines.Length > 1);
        var perLine = (int)(1280 * 0.86 / (fontSize * 0.62));
        Assert.All(lines, l => Assert.InRange(l.Length, 1, perLine));
        Assert.Equal(prompt, string.Join(' ', lines));
        Assert.DoesNotContain('…', text);
    }

    [Fact]
    public void Layout_VeryLongPrompt_TruncatedWithEllipsisAndSmallerFont()
    {
        var prompt = string.Join(' ', Enumerable.Repeat("cinematic drone footage of mountains", 120));

        var (text, fontSize) = TitleText.Layout(prompt, 1280, 720);
        var (_, shortSize) = TitleText.Layout("short", 1280, 720);

        Assert.True(fontSize < shortSize, $"{fontSize} should be smaller than {shortSize}");
        Assert.Equal(720 / 28, fontSize);
        Assert.EndsWith("…", text);
        Assert.True(text.Length < prompt.Length);
        var maxLines = (int)(720 * 0.78 / (fontSize * 1.35));
        Assert.Equal(maxLines, text.Split('\n').Length);
    }

    [Fact]
    public void Layout_LongWordWithoutSpaces_SplitIntoLineSizedPieces()
    {
        var word = new string('x', 100);

        var (text, fontSize) = TitleText.Layout(word, 720, 1280);

        var perLine = Math.Max(8, (int)(720 * 0.86 / (fontSize * 0.62)));
        Assert.All(text.Split('\n'), l => Assert.InRange(l.Length, 1, perLine));
        Assert.Equal(word, text.Replace("\n", ""));
    }

    [Theory]
    [InlineData("line one\nline two\r\nline\tthree", "line one line two line three")]
    [InlineData("bell\u0007 and \u001b[31mescape", "bell and [31mescape")]
    [InlineData("\0null\0", "null")]
    public void Layout_ControlCharacters_ReplacedBySpaces(string prompt, string expected)
    {
        var (text, _) = TitleText.Layout(prompt, 3000, 720);

        Assert.Equal(expected, text);
        Assert.DoesNotContain(text, char.IsControl);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t\r")]
    public void Layout_EmptyPrompt_ShowsPlaceholder(string prompt) =>
        Assert.Equal("Reelay", TitleText.Layout(prompt, 1280, 720).Text);

    [Fact]
    public void Layout_SpecialCharacters_KeptVerbatim()
    {
        const string prompt = "100% \"quoted\" C:\\dir %{pts} 🎬";

        Assert.Equal(prompt, TitleText.Layout(prompt, 1280, 720).Text);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Layout_EmojiAcrossCutPoints_NeverSplitsASurrogatePair(int leadingLetters)
    {
        // Emoji are two UTF-16 chars; an odd offset puts a pair across every wrap and truncation point.
        var prompt = new string('a', leadingLetters) + string.Concat(Enumerable.Repeat("🎬", 600));

        var (text, _) = TitleText.Layout(prompt, 720, 720);

        AssertWellFormed(text);
        Assert.EndsWith("…", text);
    }

    [Fact]
    public void Layout_EmojiWrappedWithoutTruncation_KeepsEveryEmoji()
    {
        var prompt = "a" + string.Concat(Enumerable.Repeat("🎬", 40));

        var (text, _) = TitleText.Layout(prompt, 1280, 720);

        AssertWellFormed(text);
        Assert.Equal(prompt, text.Replace("\n", ""));
    }
}
