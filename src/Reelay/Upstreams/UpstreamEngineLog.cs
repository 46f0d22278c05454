using Microsoft.Extensions.Logging;

namespace Reelay.Upstreams;

/// <summary>Log events every upstream adapter shares (ids 3000–3009). Never logs a key.</summary>
public abstract partial class UpstreamEngine
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Job {JobId} submitted to {Provider} upstream {Upstream} as {TaskNoun} {TaskId}")]
    private static partial void LogSubmitted(ILogger logger, string jobId, string provider, string upstream, string taskNoun, string taskId);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Submit of job {JobId} to {Provider} upstream {Upstream} failed ({Code}, retryable {Retryable}): {Reason}")]
    private static partial void LogSubmitFailed(ILogger logger, string jobId, string provider, string upstream, string? code, bool retryable, string? reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Job {JobId}: a submit to {Provider} upstream {Upstream} may have been lost in a crash; " +
        "{Provider} cannot be asked whether it arrived (it assigns {TaskNoun} ids itself), so the job is submitted again and may be charged twice")]
    private static partial void LogResubmitting(ILogger logger, string jobId, string provider, string upstream, string taskNoun);
}
