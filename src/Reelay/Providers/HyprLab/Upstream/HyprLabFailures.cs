using Reelay.Engines;
using Reelay.Jobs;

namespace Reelay.Providers.HyprLab.Upstream;

/// <summary>
/// Maps a failed HyprLab exchange or generation to a job outcome (OpenAI-style errors). Retryable: 5xx, 408, 429
/// rate limits, timeouts, connection errors, malformed answers; 402 and <c>insufficient_quota</c> are retryable
/// elsewhere (upstream_quota). Final: 400 (invalid_input, or content_rejected for content-policy codes), 401/403
/// (upstream_auth), failed generations (content_rejected when the reason reads as a moderation refusal).
/// </summary>
internal static class HyprLabFailures
{
    public static readonly TimeSpan MinLimitBackoff = TimeSpan.FromSeconds(1);

    private static readonly string[] ContentWords = ["content policy", "content_policy", "content safety", "moderation", "nsfw", "sensitive", "risk control", "inappropriate"];

    public static EngineOutcome Classify(HyprLabCallResult r, string upstream)
    {
        var message = $"HyprLab upstream '{upstream}' {r.Message}";
        if (r.Transport) return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, message, retryable: true, r.RetryAfter ?? TimeSpan.Zero);
        if (r.Code is "insufficient_quota" or "billing_hard_limit_reached" || r.HttpStatus == 402)
            return EngineOutcome.Failed(UpstreamErrorCodes.Quota, message, retryable: true, r.RetryAfter ?? TimeSpan.Zero);
        return r.HttpStatus switch
        {
            429 => EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, message, retryable: true,
                r.RetryAfter is { } ra && ra > MinLimitBackoff ? ra : MinLimitBackoff),
            408 or >= 500 => EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, message, retryable: true, r.RetryAfter ?? TimeSpan.Zero),
            401 or 403 => EngineOutcome.Failed(UpstreamErrorCodes.Auth, message),
            400 or 422 => IsContentRejection(r.Code) || IsContentRejection(r.Message)
                ? EngineOutcome.Failed(JobErrorCodes.ContentRejected, message)
                : EngineOutcome.Failed(JobErrorCodes.InvalidInput, message),
            _ => EngineOutcome.Failed(JobErrorCodes.EngineFailed, message),
        };
    }

    public static bool IsContentRejection(string? reason) =>
        reason is not null && ContentWords.Any(w => reason.Contains(w, StringComparison.OrdinalIgnoreCase));
}
