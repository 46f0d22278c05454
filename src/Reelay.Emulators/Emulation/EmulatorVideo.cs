using Reelay.Media;

namespace Reelay.Emulation;

/// <summary>
/// The one result video of an emulator: a 5 s testsrc2 H.264 MP4 (faststart) rendered by ffmpeg on first use and
/// then served from memory for every task. A failed render is retried on the next download.
/// </summary>
internal sealed class EmulatorVideo(FfmpegRunner ffmpeg, string size)
{
    /// <summary>A video of <paramref name="size"/> (e.g. <c>320x180</c>) rendered with ffmpeg found on PATH.</summary>
    public static EmulatorVideo OfSize(string size) =>
        new(new FfmpegRunner(Microsoft.Extensions.Options.Options.Create(new MediaOptions())), size);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _bytes;

    public async Task<byte[]?> GetAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _bytes) is { } ready) return ready;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_bytes is not null) return _bytes;
            var path = Path.Combine(Path.GetTempPath(), $"reelay-emulator-{Guid.NewGuid():N}.mp4");
            try
            {
                var result = await ffmpeg.RunFfmpegAsync(
                    ["-f", "lavfi", "-i", $"testsrc2=size={size}:rate=24", "-frames:v", "120", "-c:v", "libx264", "-preset", "ultrafast",
                     "-pix_fmt", "yuv420p", "-movflags", "+faststart", path], null, CancellationToken.None).ConfigureAwait(false);
                if (!result.Succeeded) return null;
                Volatile.Write(ref _bytes, await File.ReadAllBytesAsync(path, CancellationToken.None).ConfigureAwait(false));
                return _bytes;
            }
            finally
            {
                File.Delete(path);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
