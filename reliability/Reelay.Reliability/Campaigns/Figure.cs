namespace Reelay.Reliability.Campaigns;

/// <summary>One measured figure against its target, e.g. "5xx responses: 0 (target 0)".</summary>
public sealed record Figure(string Name, string Value, string Target, bool Passed)
{
    /// <summary>A count that must stay at or below <paramref name="max"/> (usually 0).</summary>
    public static Figure AtMost(string name, long value, long max) =>
        new(name, value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), max == 0 ? "0" : $"≤ {max:N0}", value <= max);

    /// <summary>A count that must reach <paramref name="min"/>.</summary>
    public static Figure AtLeast(string name, long value, long min) =>
        new(name, value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), $"≥ {min:N0}", value >= min);

    /// <summary>Reported, not judged.</summary>
    public static Figure Info(string name, string value) => new(name, value, "—", true);
}
