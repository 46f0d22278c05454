using Microsoft.Extensions.Logging;

namespace Reelay.Providers.Leonardo.Upstream;

/// <summary>Log events of the Leonardo upstream engine beyond the shared ones (ids 3700–3799). Never logs the token.</summary>
public sealed partial class LeonardoEngine
{
    [LoggerMessage(EventId = 3703, Level = LogLevel.Debug, Message = "Job {JobId}: {Role} image uploaded to Leonardo upstream {Upstream} as init image {ImageId}")]
    private static partial void LogImageUploaded(ILogger logger, string jobId, string role, string upstream, string imageId);
}
