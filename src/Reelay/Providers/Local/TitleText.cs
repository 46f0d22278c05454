using System.Text;

namespace Reelay.Providers.Local;

/// <summary>Lays a prompt out as title-card lines: word-wrapped, font size shrinking for long prompts, truncated with an ellipsis.</summary>
public static class TitleText
{
    public static (string Text, int FontSize) Layout(string prompt, int width, int height)
    {
        var clean = new string(prompt.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        if (clean.Length == 0) clean = "Reelay";
        int[] divisors = [13, 17, 22, 28];
        foreach (var divisor in divisors)
        {
            var fontSize = Math.Max(12, height / divisor);
            var perLine = Math.Max(8, (int)(width * 0.86 / (fontSize * 0.62)));
            var maxLines = Math.Max(1, (int)(height * 0.78 / (fontSize * 1.35)));
            var lines = Wrap(clean, perLine);
            if (lines.Count <= maxLines || divisor == divisors[^1])
            {
                if (lines.Count > maxLines)
                {
                    lines = lines.Take(maxLines).ToList();
                    var last = lines[^1];
                    lines[^1] = (last.Length > perLine - 1 ? last[..CutAt(last, perLine - 1)] : last).TrimEnd() + "…";
                }
                return (string.Join('\n', lines), fontSize);
            }
        }
        throw new InvalidOperationException("unreachable");
    }

    private static List<string> Wrap(string text, int perLine)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var w = word;
            while (w.Length > perLine)
            {
                if (line.Length > 0) { lines.Add(line.ToString()); line.Clear(); }
                var cut = CutAt(w, perLine);
                lines.Add(w[..cut]);
                w = w[cut..];
            }
            if (line.Length > 0 && line.Length + 1 + w.Length > perLine) { lines.Add(line.ToString()); line.Clear(); }
            if (line.Length > 0) line.Append(' ');
            line.Append(w);
        }
        if (line.Length > 0) lines.Add(line.ToString());
        return lines;
    }

    /// <summary>
    /// <paramref name="length"/>, or one less when that would split a surrogate pair (an emoji): a lone half is
    /// invalid UTF-16 and reaches the title file as a replacement character. Callers pass lengths ≥ 7.
    /// </summary>
    private static int CutAt(string text, int length) =>
        length < text.Length && char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
}
