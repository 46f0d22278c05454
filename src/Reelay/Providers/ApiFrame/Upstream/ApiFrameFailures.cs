using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Upstreams;

namespace Reelay.Providers.ApiFrame.Upstream;

/// <summary>
/// Maps a failed APIFrame exchange or task to a job outcome. APIFrame documents only 400 (validation), 401 (bad
/// key) and 500; the rest follows HTTP. Retryable: 5xx, 408, 429, timeouts, connection errors, malformed answers;
/// 402 (out of credits) is retryable elsewhere (upstream_quota). Final: validation (invalid_input), credentials
/// (upstream_auth), and failed tasks (content_rejected when the reason names a content-safety refusal).
/// </summary>
internal static class ApiFrameFailures
{
    private static readonly string[] ContentWords = ["content policy", "content safety", "content security", "moderation", "nsfw", "sensitive", "risk control", "inappropriate"];

    public static EngineOutcome Classify(ApiFrameCallResult r, string upstream)
    {
        var message = $"APIFrame upstream '{upstream}' {r.Message}";
        return r.Transport
            ? UpstreamFailure.Unavailable(message, r.RetryAfter)
            : UpstreamFailure.ByStatus(r.HttpStatus, message, r.RetryAfter, contentRejected: IsContentRejection(r.Message));
    }

    /// <summary>Whether a failure reason reads as a content-safety refusal (APIFrame relays Kling's wording).</summary>
    public static bool IsContentRejection(string? reason) =>
        UpstreamFailure.Mentions(reason, ContentWords);
}
