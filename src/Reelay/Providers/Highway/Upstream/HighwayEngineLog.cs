using Microsoft.Extensions.Logging;

namespace Reelay.Providers.Highway.Upstream;

/// <summary>Log events of the Highway upstream engine (ids 3300–3399). Never logs the API key.</summary>
public sealed partial class HighwayEngine
{
    [LoggerMessage(EventId = 3300, Level = LogLevel.Information, Message = "Job {JobId} submitted to Highway upstream {Upstream} as task {TaskId}")]
    private static partial void LogSubmitted(ILogger logger, string jobId, string upstream, string taskId);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Submit of job {JobId} to Highway upstream {Upstream} failed ({Code}, retryable {Retryable}): {Reason}")]
    private static partial void LogSubmitFailed(ILogger logger, string jobId, string upstream, string? code, bool retryable, string? reason);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Job {JobId}: a submit to Highway upstream {Upstream} may have been lost in a crash; " +
        "Highway cannot be asked whether it arrived (task ids are assigned upstream), so the job is submitted again and may be charged twice")]
    private static partial void LogCannotVerify(ILogger logger, string jobId, string upstream);
}
