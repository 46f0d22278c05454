using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Upstreams;

namespace Reelay.Providers.Highway.Upstream;

/// <summary>
/// Maps a failed Highway exchange to a job outcome. Retryable: 5xx, 408, 429 (rate or token limit), timeouts,
/// connection errors, malformed answers; NOT_ENOUGH_BALANCE (403) is retryable elsewhere (<see cref="UpstreamErrorCodes.Quota"/>).
/// Final: 401 (key refused) and 400 (the request itself is refused).
/// </summary>
internal static class HighwayFailures
{
    public const string NotEnoughBalance = "NOT_ENOUGH_BALANCE";

    private static readonly string[] ContentWords = ["nsfw", "moderation", "sensitive", "content policy", "risk control"];

    public static EngineOutcome Classify(HighwayCallResult r, string upstream)
    {
        var message = $"Highway upstream '{upstream}' {r.Message}";
        if (r.Transport) return UpstreamFailure.Unavailable(message, r.RetryAfter);
        if (r.Reason == NotEnoughBalance) return UpstreamFailure.Quota(message, r.RetryAfter);
        return UpstreamFailure.ByStatus(r.HttpStatus, message, r.RetryAfter, forbiddenIsQuota: true);
    }

    /// <summary>
    /// Highway has no separate moderation status: a rejected task is FAILED with a reason. These words in it mean
    /// the content was refused (final <see cref="JobErrorCodes.ContentRejected"/>), not that generation broke.
    /// </summary>
    public static bool IsContentRejection(string? reason) => UpstreamFailure.Mentions(reason, ContentWords);
}
