namespace Reelay.Upstreams;

/// <summary>
/// One upstream's in-flight count as last read from the store, plus the admissions this node granted since. Lets a
/// capacity check skip the store (a count that grows with the jobs in flight) while it is plainly far from the
/// limit: a count at most <c>freshness</c> old, plus local admissions, at most half the limit. Near the limit, or
/// when the count is stale, the caller counts exactly. Other nodes' admissions since the last count are unseen, so
/// the limit can be exceeded only if other nodes admit more than half of it within <c>freshness</c>.
/// </summary>
internal sealed class InFlightEstimate
{
    private readonly Lock _lock = new();
    private DateTimeOffset _countedAt = DateTimeOffset.MinValue;
    private int _counted;
    private int _admittedSince;

    /// <summary>True (and counted as an admission) when the estimate alone proves there is room.</summary>
    public bool TryAdmitWithoutCount(DateTimeOffset now, TimeSpan freshness, int limit)
    {
        lock (_lock)
        {
            if (now - _countedAt > freshness || _counted + _admittedSince + 1 > limit / 2) return false;
            _admittedSince++;
            return true;
        }
    }

    /// <summary>Records an exact count read at <paramref name="at"/>; when it leaves room, that admission is counted.</summary>
    public bool Counted(int count, DateTimeOffset at, int limit)
    {
        lock (_lock)
        {
            _countedAt = at;
            _counted = count;
            _admittedSince = count < limit ? 1 : 0;
            return count < limit;
        }
    }
}
