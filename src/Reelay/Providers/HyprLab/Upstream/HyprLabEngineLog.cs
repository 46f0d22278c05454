using Microsoft.Extensions.Logging;

namespace Reelay.Providers.HyprLab.Upstream;

/// <summary>Log events of the HyprLab upstream engine (ids 3620–3629). Never logs the API key.</summary>
public sealed partial class HyprLabEngine
{
    [LoggerMessage(EventId = 3620, Level = LogLevel.Information, Message = "Job {JobId} submitted to HyprLab upstream {Upstream} as generation {GenerationId}")]
    private static partial void LogSubmitted(ILogger logger, string jobId, string upstream, string generationId);

    [LoggerMessage(EventId = 3621, Level = LogLevel.Warning, Message = "Submit of job {JobId} to HyprLab upstream {Upstream} failed ({Code}, retryable {Retryable}): {Reason}")]
    private static partial void LogSubmitFailed(ILogger logger, string jobId, string upstream, string? code, bool retryable, string? reason);

    [LoggerMessage(EventId = 3622, Level = LogLevel.Warning, Message = "Job {JobId}: HyprLab upstream {Upstream} cannot tell whether an interrupted submit reached it (it generates ids itself); submitting again, which may create and bill a second generation")]
    private static partial void LogResubmitPolicy(ILogger logger, string jobId, string upstream);

    [LoggerMessage(EventId = 3623, Level = LogLevel.Error, Message = "Job {JobId}: HyprLab upstream {Upstream} created generation {GenerationId} with a polling URL outside its own origin; not following it")]
    private static partial void LogForeignPollingUrl(ILogger logger, string jobId, string upstream, string generationId);
}
