using System.Text;

namespace Reelay.Bench.Reporting;

/// <summary>Renders BENCHMARKS.md: the run's context, one table row per scenario, then each scenario's details.</summary>
public static class MarkdownReport
{
    public static string Render(MachineInfo machine, bool quick, TimeSpan total, IReadOnlyList<ReportEntry> entries)
    {
        var kept = entries.Where(e => e.Result is null).Select(e => e.Id).ToList();
        var md = new StringBuilder();
        md.AppendLine("# Reelay benchmarks");
        md.AppendLine();
        md.AppendLine("Written by `dotnet run -c Release --project bench/Reelay.Bench" + (quick ? " -- --quick`" : "`") +
                      " (scenarios and targets from [docs/benchmark-plan.md](docs/benchmark-plan.md)). Every figure sits next to a baseline measured " +
                      "in the same run on the same machine; the ratio is what counts.");
        md.AppendLine();
        md.AppendLine($"- Date: {machine.Date:yyyy-MM-dd HH:mm} UTC; mode: {(quick ? "quick (reduced sizes)" : "full")}; bench wall time {total.TotalSeconds:0} s");
        md.AppendLine($"- Machine: {machine.Cores} cores (`nproc`), memory {machine.Memory}, {machine.Os}");
        md.AppendLine($"- Commit: `{machine.Commit}`");
        md.AppendLine($"- Runtime: {machine.Runtime}; {machine.Ffmpeg}");
        md.AppendLine("- The load generator and the server share the same " + machine.Cores +
                      " cores (nothing pinned): for B1/B1pg/B2 Reelay's server runs **in the bench process** (Kestrel on 127.0.0.1, " +
                      "server GC as set in the bench csproj; the shipped `reelay` uses workstation GC), and so does the bare-Kestrel baseline. " +
                      "HTTP/1.1 keep-alive over loopback, load generator written on `SocketsHttpHandler`. B3 runs the published `reelay serve` as its own process; B7 runs 1–3 of them plus PostgreSQL.");
        if (kept.Count > 0)
            md.AppendLine($"- Not re-measured in this run (`--only`): {string.Join(", ", kept)}: their rows and sections are kept verbatim from the previous " +
                          "BENCHMARKS.md, so their date, commit and machine load are those of the run that measured them.");
        md.AppendLine();
        md.AppendLine("| # | scenario | figure | baseline (same run) | ratio | target | verdict |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var e in entries)
        {
            if (e.Result is not { } r)
            {
                md.AppendLine(e.KeptRow);
                continue;
            }
            md.AppendLine($"| {r.Id} | {r.Title} | {Join(r.Checks, c => c.Figure)} | {Join(r.Checks, c => c.Baseline)} | " +
                          $"{Join(r.Checks, c => c.Ratio)} | {Join(r.Checks, c => c.Target)} | {Join(r.Checks, c => BoldFirstWord(c.Verdict))} |");
        }
        md.AppendLine();
        foreach (var e in entries)
        {
            md.AppendLine();
            if (e.Result is not { } r)
            {
                md.AppendLine(e.KeptSection);
                continue;
            }
            md.AppendLine($"## {r.Id} — {r.Title}");
            md.AppendLine();
            foreach (var d in r.Details) md.AppendLine("- " + d);
        }
        return md.ToString();
    }

    private static string BoldFirstWord(string s)
    {
        var space = s.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? $"**{s}**" : $"**{s[..space]}**{s[space..]}";
    }

    private static string Join(IReadOnlyList<Check> checks, Func<Check, string> pick) =>
        string.Join("<br>", checks.Select(c => pick(c).Replace("|", "\\|", StringComparison.Ordinal)));
}
