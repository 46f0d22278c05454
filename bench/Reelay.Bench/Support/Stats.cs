namespace Reelay.Bench.Support;

/// <summary>Small summary statistics for repeated timings.</summary>
public static class Stats
{
    /// <summary>The middle value; the mean of the two middle values for an even count.</summary>
    public static TimeSpan Median(IReadOnlyCollection<TimeSpan> values)
    {
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
