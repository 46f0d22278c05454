using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Upstreams;

namespace Reelay.Providers.Leonardo.Upstream;

/// <summary>
/// Maps a failed Leonardo exchange to a job outcome. Retryable: 5xx, 408, 429 (at least 1 s back-off), timeouts,
/// connection errors, malformed answers; 402 or a "not enough credits/tokens" refusal is retryable elsewhere
/// (upstream_quota). Final: 401/403 (upstream_auth), 400/422 (invalid_input — content_rejected when the refusal
/// reads as moderation). A refused upload form (403 from the presigned URL, e.g. expired) is retryable: the next
/// submit asks for a fresh form.
/// </summary>
internal static class LeonardoFailures
{
    private static readonly string[] ContentWords =
        ["content moderation", "moderation", "content policy", "content_policy", "nsfw", "inappropriate", "not allowed content", "safety"];

    private static readonly string[] QuotaWords = ["not enough api tokens", "not enough credits", "insufficient", "out of credits"];

    public static EngineOutcome Classify(LeonardoCallResult r, string upstream)
    {
        var message = $"Leonardo upstream '{upstream}' {r.Message}";
        if (r.Transport) return UpstreamFailure.Unavailable(message, r.RetryAfter);
        if (UpstreamFailure.Mentions(r.Message, QuotaWords)) return UpstreamFailure.Quota(message, r.RetryAfter);
        return UpstreamFailure.ByStatus(r.HttpStatus, message, r.RetryAfter, contentRejected: IsContentRejection(r.Message));
    }

    /// <summary>A refused presigned upload: 403 (expired or refused policy) is retried with a fresh form; the rest as <see cref="Classify"/>.</summary>
    public static EngineOutcome ClassifyUpload(LeonardoCallResult r, string upstream) =>
        r.Blocked
            ? EngineOutcome.Failed(UpstreamErrorCodes.ForbiddenDestination, $"Leonardo upstream '{upstream}' {r.Message}", retryable: false)
        : r.HttpStatus == 403 && !r.Transport
            ? EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, $"Leonardo upstream '{upstream}' {r.Message} (the upload form was refused; a new one is asked for on retry)",
                retryable: true)
            : Classify(r, upstream);

    public static bool IsContentRejection(string? reason) =>
        UpstreamFailure.Mentions(reason, ContentWords);
}
