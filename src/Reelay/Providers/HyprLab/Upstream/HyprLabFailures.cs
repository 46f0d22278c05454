using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Upstreams;

namespace Reelay.Providers.HyprLab.Upstream;

/// <summary>
/// Maps a failed HyprLab exchange or generation to a job outcome (OpenAI-style errors). Retryable: 5xx, 408, 429
/// rate limits, timeouts, connection errors, malformed answers; 402 and <c>insufficient_quota</c> are retryable
/// elsewhere (upstream_quota). Final: 400 (invalid_input, or content_rejected for content-policy codes), 401/403
/// (upstream_auth), failed generations (content_rejected when the reason reads as a moderation refusal).
/// </summary>
internal static class HyprLabFailures
{
    private static readonly string[] ContentWords = ["content policy", "content_policy", "content safety", "moderation", "nsfw", "sensitive", "risk control", "inappropriate"];

    public static EngineOutcome Classify(HyprLabCallResult r, string upstream)
    {
        var message = $"HyprLab upstream '{upstream}' {r.Message}";
        if (r.Transport) return UpstreamFailure.Unavailable(message, r.RetryAfter);
        if (r.Code is "insufficient_quota" or "billing_hard_limit_reached") return UpstreamFailure.Quota(message, r.RetryAfter);
        return UpstreamFailure.ByStatus(r.HttpStatus, message, r.RetryAfter, contentRejected: IsContentRejection(r.Code) || IsContentRejection(r.Message));
    }

    public static bool IsContentRejection(string? reason) =>
        UpstreamFailure.Mentions(reason, ContentWords);
}
