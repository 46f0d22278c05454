using Microsoft.Extensions.Logging;

namespace Reelay.Providers.ApiFrame.Upstream;

/// <summary>Log events of the APIFrame upstream engine (ids 3610–3619). Never logs the API key.</summary>
public sealed partial class ApiFrameEngine
{
    [LoggerMessage(EventId = 3610, Level = LogLevel.Information, Message = "Job {JobId} submitted to APIFrame upstream {Upstream} as task {TaskId}")]
    private static partial void LogSubmitted(ILogger logger, string jobId, string upstream, string taskId);

    [LoggerMessage(EventId = 3611, Level = LogLevel.Warning, Message = "Submit of job {JobId} to APIFrame upstream {Upstream} failed ({Code}, retryable {Retryable}): {Reason}")]
    private static partial void LogSubmitFailed(ILogger logger, string jobId, string upstream, string? code, bool retryable, string? reason);

    [LoggerMessage(EventId = 3612, Level = LogLevel.Warning, Message = "Job {JobId}: APIFrame upstream {Upstream} cannot tell whether an interrupted submit reached it (it generates task ids itself); submitting again, which may create and bill a second task")]
    private static partial void LogResubmitPolicy(ILogger logger, string jobId, string upstream);
}
