using Microsoft.Extensions.Logging;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Media;

namespace Reelay.Scheduling;

/// <summary>A step's result ingest, with one fresh-URL retry for upstream results whose link expired.</summary>
public sealed partial class StepIngest(ResultIngestor ingestor, ILogger<StepIngest> logger)
{
    /// <summary>
    /// Stores the result. Upstream result URLs expire: when the download is refused as expired or missing, the
    /// upstream is asked again (an authoritative query, like any poll) and a fresh URL it offers is ingested instead.
    /// If it still offers only the dead URL the job fails with <see cref="UpstreamErrorCodes.ResultExpired"/>; if the
    /// query itself fails or is deferred, the job stays in polling and the next poll tries again.
    /// </summary>
    internal async Task<(JobOutputs? Outputs, EngineOutcome? Failure)> IngestAsync(IVideoEngine engine, EngineContext context, ResultSource result,
        string workDir, CancellationToken ct)
    {
        try
        {
            return (await ingestor.IngestAsync(context.Job.Id, result, workDir, ct), null);
        }
        catch (IngestException ex) when (ex.SourceGone && result.RemoteUrl is not null && engine.IsUpstream)
        {
            LogResultGone(logger, context.Job.Id, ex.Message);
            var again = await engine.PollAsync(context, ct);
            if (again.Kind != EngineOutcomeKind.Produced)
                return (null, again.Kind == EngineOutcomeKind.Failed ? again
                    : EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, $"{ex.Message}; asking the upstream for a fresh URL did not answer yet", retryable: true));
            if (again.Result?.RemoteUrl is { } fresh && fresh != result.RemoteUrl)
                return (await ingestor.IngestAsync(context.Job.Id, again.Result, workDir, ct), null);
            return (null, EngineOutcome.Failed(UpstreamErrorCodes.ResultExpired,
                $"the upstream's result URL can no longer be downloaded ({ex.Message}) and the upstream offers no fresh one"));
        }
    }

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Result URL of job {JobId} is gone ({Reason}); asking the upstream for a fresh one")]
    private static partial void LogResultGone(ILogger logger, string jobId, string reason);
}
