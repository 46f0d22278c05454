using Reelay.Hosting;

namespace Reelay.Storage.Blobs;

/// <summary>
/// At start-up, removes the temporary files that writes killed mid-way (crash, OOM kill, power loss) left in the
/// file-system blob store. Nothing references them and nothing else would ever delete them. Files touched within the
/// last <see cref="Grace"/> are spared: they may belong to a write still running in another process on the same data.
/// </summary>
public sealed partial class PartialWriteSweep(IBlobStore blobs, TimeProvider time, ILogger<PartialWriteSweep> logger) : IStartupTask
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    public Task RunAsync(CancellationToken ct)
    {
        if (blobs is FileSystemBlobStore files)
        {
            var deleted = files.SweepPartialWrites(time.GetUtcNow() - Grace);
            if (deleted > 0) LogSwept(logger, deleted);
        }
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 2701, Level = LogLevel.Information, Message = "Removed {Count} partial blob files left by interrupted writes")]
    private static partial void LogSwept(ILogger logger, int count);
}
