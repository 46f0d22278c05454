using Microsoft.Extensions.Logging;

namespace Reelay.Providers.Higgsfield.Upstream;

/// <summary>Log events of the Higgsfield upstream engine (ids 3200–3299). Never logs the secret.</summary>
public sealed partial class HiggsfieldEngine
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Job {JobId} submitted to Higgsfield upstream {Upstream} as job set {JobSetId}")]
    private static partial void LogSubmitted(ILogger logger, string jobId, string upstream, string jobSetId);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Submit of job {JobId} to Higgsfield upstream {Upstream} failed ({Code}, retryable {Retryable}): {Reason}")]
    private static partial void LogSubmitFailed(ILogger logger, string jobId, string upstream, string? code, bool retryable, string? reason);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Job {JobId}: a submit to Higgsfield upstream {Upstream} may have been lost in a crash; " +
        "Higgsfield cannot be asked whether it arrived (ids are assigned upstream), so the job is submitted again and may be charged twice")]
    private static partial void LogCannotVerify(ILogger logger, string jobId, string upstream);
}
