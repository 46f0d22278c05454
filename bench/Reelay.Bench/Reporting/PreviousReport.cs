using System.Text.RegularExpressions;

namespace Reelay.Bench.Reporting;

/// <summary>
/// The rows and detail sections of an existing BENCHMARKS.md, by scenario id, so a run with <c>--only</c> rewrites
/// its own scenarios and keeps the others exactly as they were measured before.
/// </summary>
public sealed partial class PreviousReport
{
    private readonly Dictionary<string, string> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _sections = new(StringComparer.Ordinal);

    public static PreviousReport Read(string path)
    {
        var report = new PreviousReport();
        if (!File.Exists(path)) return report;
        string? section = null;
        var body = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            if (RowId().Match(line) is { Success: true } row) report._rows[row.Groups[1].Value] = line;
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                report.Close(section, body);
                section = SectionId().Match(line) is { Success: true } m ? m.Groups[1].Value : null;
                body.Clear();
            }
            if (section is not null) body.Add(line);
        }
        report.Close(section, body);
        return report;
    }

    /// <summary>The table row and the "## id — title" section (both verbatim), or null when the report had no row for it.</summary>
    public (string Row, string Section)? Find(string id) =>
        _rows.TryGetValue(id, out var row) ? (row, _sections.GetValueOrDefault(id, "")) : null;

    private void Close(string? id, List<string> body)
    {
        if (id is not null) _sections[id] = string.Join('\n', body).TrimEnd();
    }

    [GeneratedRegex(@"^\| (B\w+) \|")]
    private static partial Regex RowId();

    [GeneratedRegex(@"^## (B\w+) — ")]
    private static partial Regex SectionId();
}
