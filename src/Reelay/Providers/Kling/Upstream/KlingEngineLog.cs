using Microsoft.Extensions.Logging;

namespace Reelay.Providers.Kling.Upstream;

/// <summary>Log events of the Kling upstream engine beyond the shared ones (ids 3100–3199). Never logs tokens or keys.</summary>
public sealed partial class KlingEngine
{
    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Kling upstream {Upstream} already has a task for job {JobId}; looking it up instead of submitting again")]
    private static partial void LogDuplicateSubmit(ILogger logger, string jobId, string upstream);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Job {JobId} was already submitted to Kling upstream {Upstream}: task {TaskId} is {Status}")]
    private static partial void LogFoundSubmitted(ILogger logger, string jobId, string upstream, string taskId, string status);
}
