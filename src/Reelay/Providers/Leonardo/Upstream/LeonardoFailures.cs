using Reelay.Engines;
using Reelay.Jobs;

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
    public static readonly TimeSpan MinLimitBackoff = TimeSpan.FromSeconds(1);

    private static readonly string[] ContentWords =
        ["content moderation", "moderation", "content policy", "content_policy", "nsfw", "inappropriate", "not allowed content", "safety"];

    private static readonly string[] QuotaWords = ["not enough api tokens", "not enough credits", "insufficient", "out of credits"];

    public static EngineOutcome Classify(LeonardoCallResult r, string upstream)
    {
        var message = $"Leonardo upstream '{upstream}' {r.Message}";
        if (r.Transport) return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, message, retryable: true, r.RetryAfter ?? TimeSpan.Zero);
        if (r.HttpStatus == 402 || QuotaWords.Any(w => r.Message.Contains(w, StringComparison.OrdinalIgnoreCase)))
            return EngineOutcome.Failed(UpstreamErrorCodes.Quota, message, retryable: true, r.RetryAfter ?? TimeSpan.Zero);
        return r.HttpStatus switch
        {
            429 => EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, message, retryable: true,
                r.RetryAfter is { } ra && ra > MinLimitBackoff ? ra : MinLimitBackoff),
            408 or >= 500 => EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, message, retryable: true, r.RetryAfter ?? TimeSpan.Zero),
            401 or 403 => EngineOutcome.Failed(UpstreamErrorCodes.Auth, message),
            400 or 422 => IsContentRejection(r.Message)
                ? EngineOutcome.Failed(JobErrorCodes.ContentRejected, message)
                : EngineOutcome.Failed(JobErrorCodes.InvalidInput, message),
            _ => EngineOutcome.Failed(JobErrorCodes.EngineFailed, message),
        };
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
        reason is not null && ContentWords.Any(w => reason.Contains(w, StringComparison.OrdinalIgnoreCase));
}
