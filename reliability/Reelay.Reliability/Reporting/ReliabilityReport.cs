using System.Diagnostics;
using System.Globalization;
using System.Text;
using Reelay.Reliability.Campaigns;

namespace Reelay.Reliability.Reporting;

/// <summary>
/// Writes RELIABILITY.md: a summary table of every campaign's figures and one section per campaign. Sections of
/// campaigns not run this time (<c>--only</c>) are kept verbatim from the previous file, so the file always shows the
/// latest run of each campaign, each section stating when and on which commit it ran.
/// </summary>
public static class ReliabilityReport
{
    private const string SectionMarker = "<!-- campaign:";

    public static async Task WriteAsync(string path, ReliabilityOptions options, IReadOnlyList<CampaignResult> results, IReadOnlyList<string> order)
    {
        var previous = File.Exists(path) ? ReadSections(await File.ReadAllTextAsync(path)) : new Dictionary<string, string>();
        var commit = await GitCommitAsync(options.RepoRoot);
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var sections = new Dictionary<string, string>(previous, StringComparer.OrdinalIgnoreCase);
        foreach (var r in results) sections[r.Id] = Section(r, options, commit, now);

        var sb = new StringBuilder();
        sb.AppendLine("# Reelay reliability");
        sb.AppendLine();
        sb.AppendLine("Written by the reliability suite (`reliability/Reelay.Reliability`); every figure is from the run its section names.");
        sb.AppendLine("Short mode (what CI runs): `dotnet run -c Release --project reliability/Reelay.Reliability`; longer local mode: add `--long`;");
        sb.AppendLine("one campaign: `--only fuzz`. The process exits non-zero when any figure misses its target.");
        sb.AppendLine();
        foreach (var id in order)
            if (sections.TryGetValue(id, out var text)) sb.Append(text);
        foreach (var (id, text) in sections)
            if (!order.Contains(id, StringComparer.OrdinalIgnoreCase)) sb.Append(text);
        await File.WriteAllTextAsync(path, sb.ToString());
    }

    private static string Section(CampaignResult r, ReliabilityOptions options, string commit, string now)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{SectionMarker}{r.Id} -->");
        sb.AppendLine($"## {r.Title}");
        sb.AppendLine();
        sb.AppendLine($"Run {now} on commit `{commit}`, {(options.Long ? "long" : "short")} mode, seed {options.Seed}, {Environment.ProcessorCount} cores. " +
                      $"Reproduce: `dotnet run -c Release --project reliability/Reelay.Reliability -- --only {r.Id}{(options.Long ? " --long" : "")} --seed {options.Seed}`. " +
                      $"Verdict: **{(r.Passed ? "pass" : "FAIL")}**.");
        sb.AppendLine();
        sb.AppendLine("| figure | value | target | verdict |");
        sb.AppendLine("|---|---|---|---|");
        foreach (var f in r.Figures) sb.AppendLine($"| {f.Name} | {f.Value} | {f.Target} | {(f.Target == "—" ? "—" : f.Passed ? "pass" : "**FAIL**")} |");
        sb.AppendLine();
        foreach (var d in r.Details) sb.AppendLine($"- {d}");
        if (r.Findings.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Findings (first ones):");
            sb.AppendLine();
            foreach (var f in r.Findings) sb.AppendLine($"- `{f.Replace('`', '\'')}`");
        }
        sb.AppendLine();
        return sb.ToString();
    }

    private static Dictionary<string, string> ReadSections(string text)
    {
        var sections = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var at = text.IndexOf(SectionMarker, StringComparison.Ordinal);
        while (at >= 0)
        {
            var idEnd = text.IndexOf(" -->", at, StringComparison.Ordinal);
            if (idEnd < 0) break;
            var id = text[(at + SectionMarker.Length)..idEnd];
            var next = text.IndexOf(SectionMarker, idEnd, StringComparison.Ordinal);
            sections[id] = next < 0 ? text[at..] : text[at..next];
            at = next;
        }
        return sections;
    }

    private static async Task<string> GitCommitAsync(string repoRoot)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { WorkingDirectory = repoRoot, RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = await git.StandardOutput.ReadToEndAsync();
            await git.WaitForExitAsync();
            return git.ExitCode == 0 ? output.Trim() : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
