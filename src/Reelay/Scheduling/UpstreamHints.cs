using System.Collections.Concurrent;

namespace Reelay.Scheduling;

/// <summary>
/// Upstream callbacks that arrived while their job's step held the lease on this node (so the job's next run could
/// not be moved up in the store). The step takes the hint when it schedules its next poll and polls again at once
/// instead of at the planned time: a callback that lands mid-poll is not lost. Node-local, best effort (a step on
/// another node falls back to its planned poll); entries live only while their job's step runs.
/// </summary>
public sealed class UpstreamHints
{
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);

    public void Add(string jobId) => _pending.TryAdd(jobId, 0);

    /// <summary>True once per hint: the next poll of <paramref name="jobId"/> should not wait.</summary>
    public bool TryTake(string jobId) => _pending.TryRemove(jobId, out _);

    public int Count => _pending.Count;

    /// <summary>
    /// When a hinted poll is due: the job's creation time. Claims take the earliest due job first, so under a backlog
    /// of planned polls a poll an upstream asked for goes ahead of them instead of queuing behind.
    /// </summary>
    public static DateTimeOffset HurriedDueAt(Jobs.VideoJob job) => job.CreatedAt;
}
