using System.Diagnostics;
using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.Bench.Diagnostics;

/// <summary>
/// Looks at the store of an in-process server without changing it: job counts by status, and how long the
/// scheduler's claim takes at the current table size. The claim is timed with <c>now</c> just before the earliest due
/// job, so it takes the writer gate and evaluates its query exactly as a real claim does but leases nothing. (Not the
/// Unix epoch: every stored time then lies beyond the schedule horizon, which the store rightly takes as due.)
/// </summary>
public static class StoreProbe
{
    public sealed record Counts(long Pending, long Succeeded, long Failed, long Total);

    public static async Task<Counts> CountAsync(IJobStore store, CancellationToken ct)
    {
        var c = await store.CountByStatusAsync(ct);
        var pending = c.GetValueOrDefault(JobStatus.Queued) + c.GetValueOrDefault(JobStatus.Running);
        return new Counts(pending, c.GetValueOrDefault(JobStatus.Succeeded), c.GetValueOrDefault(JobStatus.Failed), c.Values.Sum());
    }

    /// <summary>Median wall time of <paramref name="samples"/> empty claims, in milliseconds.</summary>
    public static async Task<double> EmptyClaimMillisAsync(IJobStore store, int samples, CancellationToken ct)
    {
        var times = new double[samples];
        var before = (await store.NextDueAtAsync(ct) ?? DateTimeOffset.UtcNow) - TimeSpan.FromMilliseconds(1);
        for (var i = 0; i < samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var claimed = await store.ClaimDueAsync("bench-probe", before, TimeSpan.FromSeconds(1), 2, ct);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (claimed.Count > 0) throw new InvalidOperationException("the probe claimed a job; it must not");
        }
        Array.Sort(times);
        return times[samples / 2];
    }
}
