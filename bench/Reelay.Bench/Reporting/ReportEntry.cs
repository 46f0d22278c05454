namespace Reelay.Bench.Reporting;

/// <summary>One scenario in BENCHMARKS.md: measured in this run (<see cref="Result"/>), or kept verbatim from the previous report.</summary>
public sealed record ReportEntry(string Id, ScenarioResult? Result, string? KeptRow, string? KeptSection)
{
    public static ReportEntry Measured(ScenarioResult result) => new(result.Id, result, null, null);

    public static ReportEntry Kept(string id, string row, string section) => new(id, null, row, section);
}
