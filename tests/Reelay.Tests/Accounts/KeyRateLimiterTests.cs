using Reelay.Accounts;

namespace Reelay.Tests.Accounts;

public sealed class KeyRateLimiterTests
{
    [Fact]
    public void TryAcquire_WithinLimit_AllowedThenRefusedWithRetryAfterOfOneSlot()
    {
        using var limiter = new KeyRateLimiter();
        var key = Key(new KeyLimits(RequestsPerMinute: 3));

        var allowed = Enumerable.Range(0, 3).Select(_ => limiter.TryAcquire(key)).ToList();
        var refused = limiter.TryAcquire(key);

        Assert.All(allowed, Assert.Null);
        // 3 per minute refill one request every 20 s.
        Assert.Equal(TimeSpan.FromSeconds(20), refused);
    }

    [Fact]
    public void TryAcquire_NoRateLimit_NeverRefused()
    {
        using var limiter = new KeyRateLimiter();
        var key = Key(KeyLimits.None);

        Assert.All(Enumerable.Range(0, 1000), _ => Assert.Null(limiter.TryAcquire(key)));
    }

    [Fact]
    public void TryAcquire_OneKeyExhausted_OtherKeyUnaffected()
    {
        using var limiter = new KeyRateLimiter();
        var busy = Key(new KeyLimits(RequestsPerMinute: 1));
        var quiet = Key(new KeyLimits(RequestsPerMinute: 1));
        limiter.TryAcquire(busy);

        Assert.NotNull(limiter.TryAcquire(busy));
        Assert.Null(limiter.TryAcquire(quiet));
    }

    [Fact]
    public void TryAcquire_LimitRaisedOnTheKey_NewLimitApplies()
    {
        using var limiter = new KeyRateLimiter();
        var key = Key(new KeyLimits(RequestsPerMinute: 1));
        limiter.TryAcquire(key);
        Assert.NotNull(limiter.TryAcquire(key));

        var raised = key with { Limits = new KeyLimits(RequestsPerMinute: 5) };

        Assert.Null(limiter.TryAcquire(raised));
    }

    [Fact]
    public async Task TryAcquire_AfterRefusal_SlotsRefillWithoutAnyCall()
    {
        using var limiter = new KeyRateLimiter();
        // 6000 per minute: one slot every 10 ms, so the refill shows up quickly.
        var key = Key(new KeyLimits(RequestsPerMinute: 6000));
        while (limiter.TryAcquire(key) is null) { }

        await Support.Eventually.TrueAsync(() => limiter.TryAcquire(key) is null, "the bucket refills on its own", TimeSpan.FromSeconds(10));
    }

    private static ApiKey Key(KeyLimits limits) =>
        new(Guid.NewGuid(), "k", ApiKeyRole.User, [], DateTimeOffset.UnixEpoch, null) { Limits = limits };
}
