using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Upstreams;
using Reelay.Providers.Kling.Contract;

namespace Reelay.Providers.Kling.Upstream;

/// <summary>
/// Maps a failed Kling exchange to a job outcome. Retryable: the upstream may well answer differently later
/// (5xx, 429 limits, timeouts, connection errors, malformed answers) or another upstream may (quota, code
/// 1102). Final: the request itself is refused (validation, content safety, credentials, model permission).
/// </summary>
internal static class KlingFailures
{
    private static readonly string[] ContentWords = ["risk control", "content safety", "sensitive"];

    public static EngineOutcome Classify(KlingCallResult r, string upstream)
    {
        var message = $"Kling upstream '{upstream}' {r.Message}";
        if (r.Transport) return UpstreamFailure.Unavailable(message, r.RetryAfter);
        return r.Code switch
        {
            >= 1000 and <= 1004 or 1103 => UpstreamFailure.Auth(message),
            1100 or 1101 or 1102 or 1304 => UpstreamFailure.Quota(message, r.RetryAfter),
            1302 or 1303 => UpstreamFailure.Limited(message, r.RetryAfter),
            1301 => UpstreamFailure.Refused(message, contentRejected: true),
            1200 or 1201 or 1300 => UpstreamFailure.Refused(message),
            >= 5000 and < 6000 => UpstreamFailure.Unavailable(message, r.RetryAfter),
            _ => UpstreamFailure.ByStatus(r.HttpStatus, message, r.RetryAfter),
        };
    }

    public static bool IsDuplicateExternalId(KlingCallResult r) =>
        r.Code == KlingErrorCodes.InvalidParamValue && r.Message.Contains("external_task_id", StringComparison.OrdinalIgnoreCase);

    /// <summary>Kling's failure text for content-safety rejections ("risk control", "content safety", "sensitive").</summary>
    public static bool IsContentRejection(string? statusMessage) => UpstreamFailure.Mentions(statusMessage, ContentWords);
}
