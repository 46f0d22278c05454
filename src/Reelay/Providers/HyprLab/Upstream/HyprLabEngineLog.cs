using Microsoft.Extensions.Logging;

namespace Reelay.Providers.HyprLab.Upstream;

/// <summary>Log events of the HyprLab upstream engine beyond the shared ones (ids 3620–3629). Never logs the API key.</summary>
public sealed partial class HyprLabEngine
{
    [LoggerMessage(EventId = 3623, Level = LogLevel.Error, Message = "Job {JobId}: HyprLab upstream {Upstream} created generation {GenerationId} with a polling URL outside its own origin; not following it")]
    private static partial void LogForeignPollingUrl(ILogger logger, string jobId, string upstream, string generationId);
}
