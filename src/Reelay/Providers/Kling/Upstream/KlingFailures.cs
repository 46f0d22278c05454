using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Kling.Contract;

namespace Reelay.Providers.Kling.Upstream;

/// <summary>
/// Maps a failed Kling exchange to a job outcome. Retryable: the upstream may well answer differently later
/// (5xx, 429 limits, timeouts, connection errors, malformed answers) or another upstream may (quota, code
/// 1102). Final: the request itself is refused (validation, content safety, credentials, model permission).
/// </summary>
internal static class KlingFailures
{
    /// <summary>Kling asks for back-off starting at 1 s on rate and concurrency limits.</summary>
    public static readonly TimeSpan MinLimitBackoff = TimeSpan.FromSeconds(1);

    public static EngineOutcome Classify(KlingCallResult r, string upstream)
    {
        var message = $"Kling upstream '{upstream}' {r.Message}";
        if (r.Transport) return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, message, retryable: true, r.RetryAfter ?? TimeSpan.Zero);
        return r.Code switch
        {
            >= 1000 and <= 1004 => EngineOutcome.Failed(UpstreamErrorCodes.Auth, message),
            1103 => EngineOutcome.Failed(UpstreamErrorCodes.Auth, message),
            1100 or 1101 or 1102 or 1304 => EngineOutcome.Failed(UpstreamErrorCodes.Quota, message, retryable: true, r.RetryAfter ?? TimeSpan.Zero),
            1302 or 1303 => Limited(message, r.RetryAfter),
            1301 => EngineOutcome.Failed(JobErrorCodes.ContentRejected, message),
            1200 or 1201 or 1300 => EngineOutcome.Failed(JobErrorCodes.InvalidInput, message),
            >= 5000 and < 6000 => EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, message, retryable: true, r.RetryAfter ?? TimeSpan.Zero),
            _ => ByStatus(r, message),
        };
    }

    public static bool IsDuplicateExternalId(KlingCallResult r) =>
        r.Code == KlingErrorCodes.InvalidParamValue && r.Message.Contains("external_task_id", StringComparison.OrdinalIgnoreCase);

    /// <summary>Kling's failure text for content-safety rejections ("risk control", "content safety", "sensitive").</summary>
    public static bool IsContentRejection(string? statusMessage) =>
        statusMessage is not null &&
        (statusMessage.Contains("risk control", StringComparison.OrdinalIgnoreCase) ||
         statusMessage.Contains("content safety", StringComparison.OrdinalIgnoreCase) ||
         statusMessage.Contains("sensitive", StringComparison.OrdinalIgnoreCase));

    private static EngineOutcome ByStatus(KlingCallResult r, string message) => r.HttpStatus switch
    {
        429 => Limited(message, r.RetryAfter),
        408 or >= 500 => EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, message, retryable: true, r.RetryAfter ?? TimeSpan.Zero),
        401 or 403 => EngineOutcome.Failed(UpstreamErrorCodes.Auth, message),
        _ => EngineOutcome.Failed(JobErrorCodes.EngineFailed, message),
    };

    private static EngineOutcome Limited(string message, TimeSpan? retryAfter) =>
        EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, message, retryable: true,
            retryAfter is { } ra && ra > MinLimitBackoff ? ra : MinLimitBackoff);
}
