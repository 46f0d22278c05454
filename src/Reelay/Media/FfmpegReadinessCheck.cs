using Reelay.Api;

namespace Reelay.Media;

/// <summary>/readyz check: ffmpeg and ffprobe can be started. Cached briefly — readiness probes are frequent.</summary>
public sealed class FfmpegReadinessCheck(FfmpegRunner runner, TimeProvider time) : IReadinessCheck
{
    /// <summary>Short: a binary removed or replaced must show within seconds; two process starts per period is cheap.</summary>
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);
    private (bool Ok, DateTimeOffset At)? _last;

    public string Name => "ffmpeg";

    public async Task<bool> IsReadyAsync(CancellationToken ct)
    {
        if (_last is { } l && time.GetUtcNow() - l.At < CacheFor) return l.Ok;
        var ok = await runner.IsAvailableAsync(ct);
        _last = (ok, time.GetUtcNow());
        return ok;
    }
}
