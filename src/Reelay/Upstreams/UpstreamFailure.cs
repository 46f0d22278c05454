using Reelay.Engines;
using Reelay.Jobs;

namespace Reelay.Upstreams;

/// <summary>
/// The failure classes every upstream ends in, and the HTTP status table most providers share. Retryable: unavailable
/// (5xx, 408, timeouts, connection errors, malformed answers), rate limits (429, never retried sooner than
/// <see cref="MinLimitBackoff"/>) and quota (retryable on another upstream). Final: a refused credential, a refused
/// request (invalid input or rejected content) and anything else. An adapter maps its own error codes first and hands
/// the rest to <see cref="ByStatus"/>.
/// </summary>
public static class UpstreamFailure
{
    /// <summary>Smallest back-off after a rate limit without Retry-After.</summary>
    public static readonly TimeSpan MinLimitBackoff = TimeSpan.FromSeconds(1);

    public static EngineOutcome Unavailable(string message, TimeSpan? retryAfter) =>
        EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, message, retryable: true, retryAfter ?? TimeSpan.Zero);

    public static EngineOutcome Limited(string message, TimeSpan? retryAfter) =>
        EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, message, retryable: true,
            retryAfter is { } ra && ra > MinLimitBackoff ? ra : MinLimitBackoff);

    public static EngineOutcome Quota(string message, TimeSpan? retryAfter) =>
        EngineOutcome.Failed(UpstreamErrorCodes.Quota, message, retryable: true, retryAfter ?? TimeSpan.Zero);

    public static EngineOutcome Auth(string message) => EngineOutcome.Failed(UpstreamErrorCodes.Auth, message);

    /// <summary>The upstream refused the request itself: its content when <paramref name="contentRejected"/>, else its input.</summary>
    public static EngineOutcome Refused(string message, bool contentRejected = false) =>
        EngineOutcome.Failed(contentRejected ? JobErrorCodes.ContentRejected : JobErrorCodes.InvalidInput, message);

    /// <summary>
    /// The shared status table: 429 limited; 408 and 5xx unavailable; 402 quota; 401 auth; 403 auth, or quota where the
    /// provider uses it for "no credits" (<paramref name="forbiddenIsQuota"/>); 400, 413 and 422 refused; the rest final.
    /// </summary>
    public static EngineOutcome ByStatus(int status, string message, TimeSpan? retryAfter, bool forbiddenIsQuota = false, bool contentRejected = false) =>
        status switch
        {
            429 => Limited(message, retryAfter),
            408 or >= 500 => Unavailable(message, retryAfter),
            402 => Quota(message, retryAfter),
            403 when forbiddenIsQuota => Quota(message, retryAfter),
            401 or 403 => Auth(message),
            400 or 413 or 422 => Refused(message, contentRejected),
            _ => EngineOutcome.Failed(JobErrorCodes.EngineFailed, message),
        };

    /// <summary>Whether <paramref name="text"/> contains any of <paramref name="words"/>, ignoring case.</summary>
    public static bool Mentions(string? text, IEnumerable<string> words) =>
        text is not null && words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
}
