using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Media;
using Reelay.Storage.Blobs;

namespace Reelay.Providers.Local;

/// <summary>
/// Completes every job at once with one shared clip (1 s, 320×180), rendered and stored once per process
/// under <c>jobs/noop/</c>; no per-job ffmpeg work, so benchmarks measure the platform, not the encoder.
/// Enabled only by configuration (Reelay:EnableNoopEngine).
/// </summary>
public sealed class NoopEngine(FfmpegRunner ffmpeg, ResultIngestor ingestor) : IVideoEngine
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private JobOutputs? _outputs;

    public string Name => "noop";

    public bool CompletesInstantly => true;

    public async Task<EngineOutcome> SubmitAsync(EngineContext context, CancellationToken ct) =>
        EngineOutcome.Produced(ResultSource.Stored(await SharedOutputsAsync(ct)));

    public Task<EngineOutcome> PollAsync(EngineContext context, CancellationToken ct) => SubmitAsync(context, ct);

    private async Task<JobOutputs> SharedOutputsAsync(CancellationToken ct)
    {
        if (_outputs is { } ready) return ready;
        await _gate.WaitAsync(ct);
        try
        {
            if (_outputs is { } again) return again;
            var dir = Path.Combine(Path.GetTempPath(), $"reelay-noop-{Guid.NewGuid():N}");
            Directory.CreateDirectory(dir);
            try
            {
                var clip = Path.Combine(dir, "clip.mp4");
                var result = await ffmpeg.RunFfmpegAsync(
                    ["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24", "-frames:v", "24", "-c:v", "libx264", "-preset", "ultrafast",
                     "-pix_fmt", "yuv420p", "-movflags", "+faststart", clip], null, ct);
                if (!result.Succeeded) throw new IngestException("rendering the noop clip failed: " + result.ErrorTail);
                return _outputs = await ingestor.IngestAsync("noop", ResultSource.File(clip), dir, ct);
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
