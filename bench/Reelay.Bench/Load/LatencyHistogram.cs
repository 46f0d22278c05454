namespace Reelay.Bench.Load;

/// <summary>
/// Log-linear latency histogram in microseconds (HdrHistogram's layout with 128 sub-buckets per power of
/// two): exact below 256 µs, within 0.8 % above, fixed memory, lock-free recording from many threads.
/// Percentiles are reported as the midpoint of the bucket they fall in.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 7;
    private const int SubBuckets = 1 << SubBucketBits;
    private const long MaxValue = 1L << 40;
    private readonly long[] _counts = new long[BucketIndex(MaxValue) + 1];
    private long _total;
    private long _max;

    public long Count => Interlocked.Read(ref _total);

    /// <summary>Largest recorded value, in microseconds.</summary>
    public long MaxMicros => Interlocked.Read(ref _max);

    public void RecordTicks(long stopwatchTicks) =>
        RecordMicros(stopwatchTicks * 1_000_000 / System.Diagnostics.Stopwatch.Frequency);

    public void RecordMicros(long micros)
    {
        var v = Math.Clamp(micros, 0, MaxValue);
        Interlocked.Increment(ref _counts[BucketIndex(v)]);
        Interlocked.Increment(ref _total);
        var max = Interlocked.Read(ref _max);
        while (v > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, v, max);
            if (seen == max) break;
            max = seen;
        }
    }

    /// <summary>The value at quantile <paramref name="q"/> (0..1) in microseconds; 0 when empty.</summary>
    public double PercentileMicros(double q)
    {
        var total = Count;
        if (total == 0) return 0;
        var rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank) return Math.Min(BucketMidpoint(i), MaxMicros);
        }
        return MaxMicros;
    }

    public double PercentileMillis(double q) => PercentileMicros(q) / 1000.0;

    private static int BucketIndex(long v)
    {
        var e = Math.Max(0, 63 - (int)ulong.LeadingZeroCount((ulong)v | 1) - SubBucketBits);
        return (e << SubBucketBits) + (int)(v >> e);
    }

    private static double BucketMidpoint(int index)
    {
        var e = Math.Max(0, (index >> SubBucketBits) - 1);
        var mantissa = index - (e << SubBucketBits);
        var lower = (long)mantissa << e;
        return lower + ((1L << e) - 1) / 2.0;
    }
}
