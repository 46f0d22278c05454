namespace Reelay.Bench.Load;

/// <summary>What one load run measured. Throughput counts successful responses only.</summary>
public sealed record LoadResult(
    long Succeeded,
    long Failed,
    TimeSpan Elapsed,
    LatencyHistogram Latency,
    string? FirstError)
{
    public double PerSecond => Succeeded / Elapsed.TotalSeconds;
    public double P50Ms => Latency.PercentileMillis(0.50);
    public double P99Ms => Latency.PercentileMillis(0.99);
    public double MaxMs => Latency.MaxMicros / 1000.0;

    public string Summary =>
        $"{PerSecond:N0}/s, p50 {P50Ms:0.00} ms, p99 {P99Ms:0.00} ms, max {MaxMs:0.0} ms, {Succeeded:N0} ok, {Failed:N0} failed" +
        (FirstError is null ? "" : $" (first error: {FirstError})");
}
