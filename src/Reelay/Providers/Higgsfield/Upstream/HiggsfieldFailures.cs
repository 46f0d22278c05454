using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Upstreams;

namespace Reelay.Providers.Higgsfield.Upstream;

/// <summary>
/// Maps a failed Higgsfield exchange to a job outcome. Retryable: 5xx, 408, 429, timeouts, connection errors,
/// malformed answers; 403 "not enough credits" is retryable elsewhere (<see cref="UpstreamErrorCodes.Quota"/>).
/// Final: 401 (credentials) and 400/422 (the request itself is refused).
/// </summary>
internal static class HiggsfieldFailures
{
    public static EngineOutcome Classify(HiggsfieldCallResult r, string upstream)
    {
        var message = $"Higgsfield upstream '{upstream}' {r.Message}";
        return r.Transport
            ? UpstreamFailure.Unavailable(message, r.RetryAfter)
            : UpstreamFailure.ByStatus(r.HttpStatus, message, r.RetryAfter, forbiddenIsQuota: true);
    }
}
