using System.Threading.RateLimiting;

namespace Reelay.Accounts;

/// <summary>
/// Per-key request rate (<see cref="KeyLimits.RequestsPerMinute"/>) on this node: a token bucket per key holding up
/// to a minute's worth of requests and refilling evenly (one request every 60 s / limit), so a refused caller is
/// told to wait only until its next request fits. Partitioned by key id and limit, so a changed limit applies as
/// soon as the key is re-read (<see cref="ApiKeyAuthenticator.CacheTtl"/>). Each node counts its own requests:
/// behind a balancer of N nodes a key can reach N times its limit.
/// </summary>
public sealed class KeyRateLimiter : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<ApiKey> _limiter = PartitionedRateLimiter.Create<ApiKey, (Guid Key, int PerMinute)>(key =>
        key.Limits.RequestsPerMinute is { } perMinute and > 0
            ? RateLimitPartition.GetTokenBucketLimiter((key.Id, perMinute), p => new TokenBucketRateLimiterOptions
            {
                TokenLimit = p.Item2,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = Minute / p.Item2,
                QueueLimit = 0,
                // The partitioned limiter replenishes every bucket from one timer; a timer per key would not scale.
                AutoReplenishment = false,
            })
            : RateLimitPartition.GetNoLimiter((Guid.Empty, 0)));

    /// <summary>Counts one request of <paramref name="key"/>: null when it is allowed, else how long to wait before retrying.</summary>
    public TimeSpan? TryAcquire(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var lease = _limiter.AttemptAcquire(key);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
    }

    public void Dispose() => _limiter.Dispose();
}
