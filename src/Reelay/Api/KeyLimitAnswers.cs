using Reelay.Accounts;
using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.Api;

/// <summary>
/// How one dialect says "no" when a key's limits refuse a request, each in that dialect's own error shape. Both
/// 429 answers carry <c>Retry-After</c>.
/// </summary>
/// <param name="RateLimited">Over <see cref="KeyLimits.RequestsPerMinute"/>.</param>
/// <param name="ConcurrencyLimited">At <see cref="KeyLimits.MaxConcurrentJobs"/>.</param>
/// <param name="ModelNotAllowed">The model (argument) is outside <see cref="KeyLimits.AllowedModels"/>.</param>
public sealed record KeyLimitAnswers(Func<IResult> RateLimited, Func<IResult> ConcurrencyLimited, Func<string, IResult> ModelNotAllowed)
{
    /// <summary>Counts the request against the key's rate: null when allowed, else the dialect's 429 with Retry-After.</summary>
    public IResult? CheckRate(KeyRateLimiter limiter, ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        return limiter.TryAcquire(key) is { } wait ? RateLimited().WithRetryAfter(wait) : null;
    }

    /// <summary>The dialect's answer to a create the store refused for the key's limits; null when it was not refused.</summary>
    public IResult? ForCreate(CreateJobOutcome outcome, string model)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Outcome switch
        {
            CreateOutcome.ConcurrencyLimited => ConcurrencyLimited().WithRetryAfter(KeyLimits.ConcurrencyRetryAfter),
            CreateOutcome.ModelNotAllowed => ModelNotAllowed(model),
            _ => null,
        };
    }
}
