using Reelay.Engines;
using Reelay.Jobs;

namespace Reelay.Providers.Highway.Upstream;

/// <summary>
/// Maps a failed Highway exchange to a job outcome. Retryable: 5xx, 408, 429 (rate or token limit), timeouts,
/// connection errors, malformed answers; NOT_ENOUGH_BALANCE (403) is retryable elsewhere (<see cref="UpstreamErrorCodes.Quota"/>).
/// Final: 401 (key refused) and 400 (the request itself is refused).
/// </summary>
internal static class HighwayFailures
{
    public const string NotEnoughBalance = "NOT_ENOUGH_BALANCE";

    /// <summary>Smallest back-off after a rate limit without Retry-After.</summary>
    public static readonly TimeSpan MinLimitBackoff = TimeSpan.FromSeconds(1);

    public static EngineOutcome Classify(HighwayCallResult r, string upstream)
    {
        var message = $"Highway upstream '{upstream}' {r.Message}";
        if (r.Transport) return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, message, retryable: true, r.RetryAfter ?? TimeSpan.Zero);
        if (r.Reason == NotEnoughBalance) return EngineOutcome.Failed(UpstreamErrorCodes.Quota, message, retryable: true, r.RetryAfter ?? TimeSpan.Zero);
        return r.HttpStatus switch
        {
            401 => EngineOutcome.Failed(UpstreamErrorCodes.Auth, message),
            402 or 403 => EngineOutcome.Failed(UpstreamErrorCodes.Quota, message, retryable: true, r.RetryAfter ?? TimeSpan.Zero),
            429 => EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, message, retryable: true,
                r.RetryAfter is { } ra && ra > MinLimitBackoff ? ra : MinLimitBackoff),
            408 or >= 500 => EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, message, retryable: true, r.RetryAfter ?? TimeSpan.Zero),
            400 or 413 or 422 => EngineOutcome.Failed(JobErrorCodes.InvalidInput, message),
            _ => EngineOutcome.Failed(JobErrorCodes.EngineFailed, message),
        };
    }

    /// <summary>
    /// Highway has no separate moderation status: a rejected task is FAILED with a reason. These words in it mean
    /// the content was refused (final <see cref="JobErrorCodes.ContentRejected"/>), not that generation broke.
    /// </summary>
    public static bool IsContentRejection(string? reason) =>
        reason is not null &&
        (reason.Contains("nsfw", StringComparison.OrdinalIgnoreCase) ||
         reason.Contains("moderation", StringComparison.OrdinalIgnoreCase) ||
         reason.Contains("sensitive", StringComparison.OrdinalIgnoreCase) ||
         reason.Contains("content policy", StringComparison.OrdinalIgnoreCase) ||
         reason.Contains("risk control", StringComparison.OrdinalIgnoreCase));
}
