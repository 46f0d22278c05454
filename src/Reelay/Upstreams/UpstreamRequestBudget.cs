namespace Reelay.Upstreams;

/// <summary>
/// A token bucket for one upstream's status queries on this node: <see cref="PerSecond"/> tokens a second, holding at
/// most one second's worth (the burst). Per node, not cluster-wide: N nodes may together send N × the budget, which
/// keeps the check free of any shared store round trip. Thread-safe.
/// </summary>
public sealed class UpstreamRequestBudget
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly double _capacity;
    private double _tokens;
    private long _refilledAt;
    private DateTimeOffset _reservedUntil;
    private long _deferred;

    public UpstreamRequestBudget(double perSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(perSecond, 0);
        PerSecond = perSecond;
        _time = time;
        _capacity = Math.Max(1, perSecond);
        _tokens = _capacity;
        _refilledAt = time.GetTimestamp();
    }

    public double PerSecond { get; }

    /// <summary>Queries deferred so far because the budget was spent.</summary>
    public long Deferred => Interlocked.Read(ref _deferred);

    /// <summary>Takes a token when one is there now; never reserves a later slot (for work that can simply stop, like a sweep).</summary>
    public bool TryTakeNow()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + _time.GetElapsedTime(_refilledAt, now).TotalSeconds * PerSecond);
            _refilledAt = now;
            if (_tokens < 1) return false;
            _tokens -= 1;
            return true;
        }
    }

    /// <summary>
    /// Takes a token and returns null (send the query now), or, when the budget is spent, returns how long to defer
    /// the query. Deferred queries are handed successive slots one token-interval apart, so a crowd of them comes back
    /// spread at the budget's rate instead of all at once.
    /// </summary>
    public TimeSpan? TryTake()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + _time.GetElapsedTime(_refilledAt, now).TotalSeconds * PerSecond);
            _refilledAt = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return null;
            }
            var at = _time.GetUtcNow();
            if (_reservedUntil < at) _reservedUntil = at;
            _reservedUntil += TimeSpan.FromSeconds(1 / PerSecond);
            _deferred++;
            return _reservedUntil - at;
        }
    }
}
