using Reelay.Engines;
using Reelay.Jobs;

namespace Reelay.Providers.ApiFrame.Upstream;

/// <summary>
/// Maps a failed APIFrame exchange or task to a job outcome. APIFrame documents only 400 (validation), 401 (bad
/// key) and 500; the rest follows HTTP. Retryable: 5xx, 408, 429, timeouts, connection errors, malformed answers;
/// 402 (out of credits) is retryable elsewhere (upstream_quota). Final: validation (invalid_input), credentials
/// (upstream_auth), and failed tasks (content_rejected when the reason names a content-safety refusal).
/// </summary>
internal static class ApiFrameFailures
{
    /// <summary>Back-off floor on rate limits when no Retry-After is given.</summary>
    public static readonly TimeSpan MinLimitBackoff = TimeSpan.FromSeconds(1);

    private static readonly string[] ContentWords = ["content policy", "content safety", "content security", "moderation", "nsfw", "sensitive", "risk control", "inappropriate"];

    public static EngineOutcome Classify(ApiFrameCallResult r, string upstream)
    {
        var message = $"APIFrame upstream '{upstream}' {r.Message}";
        if (r.Transport) return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, message, retryable: true, r.RetryAfter ?? TimeSpan.Zero);
        return r.HttpStatus switch
        {
            429 => EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, message, retryable: true,
                r.RetryAfter is { } ra && ra > MinLimitBackoff ? ra : MinLimitBackoff),
            408 or >= 500 => EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, message, retryable: true, r.RetryAfter ?? TimeSpan.Zero),
            402 => EngineOutcome.Failed(UpstreamErrorCodes.Quota, message, retryable: true, r.RetryAfter ?? TimeSpan.Zero),
            401 or 403 => EngineOutcome.Failed(UpstreamErrorCodes.Auth, message),
            400 or 422 => IsContentRejection(r.Message)
                ? EngineOutcome.Failed(JobErrorCodes.ContentRejected, message)
                : EngineOutcome.Failed(JobErrorCodes.InvalidInput, message),
            _ => EngineOutcome.Failed(JobErrorCodes.EngineFailed, message),
        };
    }

    /// <summary>Whether a failure reason reads as a content-safety refusal (APIFrame relays Kling's wording).</summary>
    public static bool IsContentRejection(string? reason) =>
        reason is not null && ContentWords.Any(w => reason.Contains(w, StringComparison.OrdinalIgnoreCase));
}
