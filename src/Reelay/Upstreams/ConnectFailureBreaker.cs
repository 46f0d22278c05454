namespace Reelay.Upstreams;

/// <summary>
/// Opens after <c>threshold</c> consecutive calls that could not even connect (see <see cref="UpstreamCallScope.NothingSent"/>),
/// for <c>breakDuration</c>. A dead upstream is then skipped by the router from the first new job on, instead of after
/// the ratio breaker has sampled enough failures. Any answer from the upstream closes it; once the break has elapsed
/// calls are let through again, and the first one that still cannot connect opens it for another break.
/// </summary>
internal sealed class ConnectFailureBreaker(int threshold, TimeSpan breakDuration, TimeProvider time)
{
    private readonly object _gate = new();
    private int _consecutive;
    private DateTimeOffset _openUntil = DateTimeOffset.MinValue;

    public bool IsOpen
    {
        get { lock (_gate) return time.GetUtcNow() < _openUntil; }
    }

    /// <summary>True once it has opened and not been closed by an answer since (open, or past its break awaiting a trial).</summary>
    public bool Tripped
    {
        get { lock (_gate) return _consecutive >= threshold; }
    }

    public TimeSpan RetryAfter
    {
        get
        {
            lock (_gate)
            {
                var left = _openUntil - time.GetUtcNow();
                return left > TimeSpan.Zero ? left : TimeSpan.Zero;
            }
        }
    }

    public void OnConnectFailure()
    {
        lock (_gate)
        {
            if (++_consecutive >= threshold) _openUntil = time.GetUtcNow() + breakDuration;
        }
    }

    public void OnAnswer()
    {
        lock (_gate)
        {
            _consecutive = 0;
            _openUntil = DateTimeOffset.MinValue;
        }
    }
}
