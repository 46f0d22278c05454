using Reelay.Api;

namespace Reelay.Media;

/// <summary>
/// /readyz check: ffmpeg and ffprobe can be started. Cached briefly — readiness probes are frequent. One probe runs
/// at a time, under its own deadline rather than the caller's: on a node busy rendering, starting a process can take
/// longer than /readyz waits, and a busy node is not a broken one. A caller that gives up first gets the last
/// completed answer (the probe still lands for the next caller); only with no answer yet does its wait count as failing.
/// </summary>
public sealed class FfmpegReadinessCheck(FfmpegRunner runner, TimeProvider time) : IReadinessCheck
{
    /// <summary>Short: a binary removed or replaced must show within seconds; two process starts per period is cheap.</summary>
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    /// <summary>A probe that has not started both tools within this is answered failing (a hung binary).</summary>
    private static readonly TimeSpan ProbeDeadline = TimeSpan.FromSeconds(20);

    private readonly Lock _gate = new();
    private (bool Ok, DateTimeOffset At)? _last;
    private Task<bool>? _inFlight;

    public string Name => "ffmpeg";

    public async Task<bool> IsReadyAsync(CancellationToken ct)
    {
        Task<bool> probe;
        (bool Ok, DateTimeOffset At)? last;
        lock (_gate)
        {
            last = _last;
            if (last is { } l && time.GetUtcNow() - l.At < CacheFor) return l.Ok;
            probe = _inFlight ??= ProbeAsync();
        }
        try
        {
            return await probe.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (last is { } previous)
        {
            return previous.Ok;
        }
    }

    private async Task<bool> ProbeAsync()
    {
        await Task.Yield();
        // The answer describes the tools as they were when the probe began, so it ages from then: on a busy node a
        // probe can take seconds, and an answer dated from its end would outlive a binary removed meanwhile.
        var startedAt = time.GetUtcNow();
        bool ok;
        try
        {
            using var deadline = new CancellationTokenSource(ProbeDeadline);
            ok = await runner.IsAvailableAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ok = false; // a hung or unstartable tool: either way not ready, and the next probe may start afresh
        }
        lock (_gate)
        {
            _last = (ok, startedAt);
            _inFlight = null;
        }
        return ok;
    }
}
