using Reelay.Engines;
using Reelay.Jobs;

namespace Reelay.Providers.Higgsfield.Upstream;

/// <summary>
/// Maps a failed Higgsfield exchange to a job outcome. Retryable: 5xx, 408, 429, timeouts, connection errors,
/// malformed answers; 403 "not enough credits" is retryable elsewhere (<see cref="UpstreamErrorCodes.Quota"/>).
/// Final: 401 (credentials) and 400/422 (the request itself is refused).
/// </summary>
internal static class HiggsfieldFailures
{
    /// <summary>Smallest back-off after a rate limit without Retry-After.</summary>
    public static readonly TimeSpan MinLimitBackoff = TimeSpan.FromSeconds(1);

    public static EngineOutcome Classify(HiggsfieldCallResult r, string upstream)
    {
        var message = $"Higgsfield upstream '{upstream}' {r.Message}";
        if (r.Transport) return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, message, retryable: true, r.RetryAfter ?? TimeSpan.Zero);
        return r.HttpStatus switch
        {
            401 => EngineOutcome.Failed(UpstreamErrorCodes.Auth, message),
            402 or 403 => EngineOutcome.Failed(UpstreamErrorCodes.Quota, message, retryable: true, r.RetryAfter ?? TimeSpan.Zero),
            429 => EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, message, retryable: true,
                r.RetryAfter is { } ra && ra > MinLimitBackoff ? ra : MinLimitBackoff),
            408 or >= 500 => EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, message, retryable: true, r.RetryAfter ?? TimeSpan.Zero),
            400 or 422 => EngineOutcome.Failed(JobErrorCodes.InvalidInput, message),
            _ => EngineOutcome.Failed(JobErrorCodes.EngineFailed, message),
        };
    }
}
