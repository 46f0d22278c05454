using System.Globalization;

namespace Reelay.Bench.Reporting;

/// <summary>One target of a scenario: the measured figure next to its same-run baseline, and whether it was met.</summary>
public sealed record Check(string Figure, string Baseline, string Ratio, string Target, bool Passed, string Verdict)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A "bigger is better" target such as throughput; the verdict says by how much it was met or missed.</summary>
    public static Check AtLeast(string figure, string baseline, string ratio, string target, double value, double threshold, string unit, string format = "N0")
    {
        var passed = value >= threshold;
        var pct = (value / threshold - 1) * 100;
        var verdict = passed
            ? $"pass (+{pct.ToString("0", Inv)}% over target)"
            : $"miss by {(threshold - value).ToString(format, Inv)}{unit} ({pct.ToString("0", Inv)}%)";
        return new Check(figure, baseline, ratio, target, passed, verdict);
    }

    /// <summary>A "smaller is better" target such as latency or time.</summary>
    public static Check AtMost(string figure, string baseline, string ratio, string target, double value, double threshold, string unit, string format = "0.00")
    {
        var passed = value <= threshold;
        var verdict = passed
            ? $"pass ({(threshold - value).ToString(format, Inv)}{unit} headroom)"
            : $"miss by {(value - threshold).ToString(format, Inv)}{unit} (+{((value / threshold - 1) * 100).ToString("0", Inv)}%)";
        return new Check(figure, baseline, ratio, target, passed, verdict);
    }

    public static Check NotRun(string target, string reason) => new("—", "—", "—", target, false, "not run: " + reason);
}
