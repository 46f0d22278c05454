using Microsoft.Extensions.Logging;

namespace Reelay.Providers.Leonardo.Upstream;

/// <summary>Log events of the Leonardo upstream engine (ids 3700–3799). Never logs the token.</summary>
public sealed partial class LeonardoEngine
{
    [LoggerMessage(EventId = 3700, Level = LogLevel.Information, Message = "Job {JobId} submitted to Leonardo upstream {Upstream} as generation {GenerationId}")]
    private static partial void LogSubmitted(ILogger logger, string jobId, string upstream, string generationId);

    [LoggerMessage(EventId = 3701, Level = LogLevel.Warning, Message = "Submit of job {JobId} to Leonardo upstream {Upstream} failed ({Code}, retryable {Retryable}): {Reason}")]
    private static partial void LogSubmitFailed(ILogger logger, string jobId, string upstream, string? code, bool retryable, string? reason);

    [LoggerMessage(EventId = 3702, Level = LogLevel.Warning, Message = "Job {JobId}: a submit to Leonardo upstream {Upstream} may have been lost in a crash; " +
        "Leonardo cannot be asked whether it arrived (generation ids are assigned upstream), so the job is submitted again and may be charged twice")]
    private static partial void LogResubmitPolicy(ILogger logger, string jobId, string upstream);

    [LoggerMessage(EventId = 3703, Level = LogLevel.Debug, Message = "Job {JobId}: {Role} image uploaded to Leonardo upstream {Upstream} as init image {ImageId}")]
    private static partial void LogImageUploaded(ILogger logger, string jobId, string role, string upstream, string imageId);
}
