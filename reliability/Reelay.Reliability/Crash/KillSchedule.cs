using System.Diagnostics;
using Reelay.Providers.Kling.Emulator;

namespace Reelay.Reliability.Crash;

/// <summary>
/// Chooses each SIGKILL's moment from a seeded random source: 40% uniform over the time the server has been up, 60%
/// aimed at a window the campaign can observe from outside — a create POST just sent, the upstream receiving a
/// submit, a result being downloaded for ingest, a webhook arriving at the receiver, a cancel just sent — by watching
/// that window's counter and killing a few milliseconds after it moves. A window that does not open in time falls back
/// to a kill at that moment, reported as such.
/// </summary>
public sealed class KillSchedule(Random random, CrashLoad load, KlingEmulator emulator, WebhookReceiver receiver)
{
    public const string Uniform = "uniform over uptime";
    public const string Missed = "window not reached (killed anyway)";
    private static readonly TimeSpan WindowWait = TimeSpan.FromSeconds(3);

    private static readonly string[] WindowPhases =
    [
        "right after a create POST",
        "upstream submit in flight",
        "ingesting (result download, ffmpeg)",
        "webhook delivery in flight",
        "cancel/refund in flight",
    ];

    /// <summary>Per window: the counter that moves when it opens, and the longest delay after that before the kill.</summary>
    private readonly (Func<int> Counter, int MaxDelayMs)[] _windows =
    [
        (() => load.CreatesSent, 15),
        (() => emulator.CreateRequests, 5),
        (() => emulator.ResultDownloads, 400),
        (() => receiver.Received, 0),
        (() => load.CancelsSent, 10),
    ];

    /// <summary>Every phase label a schedule can report, in report order.</summary>
    public static IReadOnlyList<string> Phases { get; } = [Uniform, .. WindowPhases, Missed];

    /// <summary>Waits for this iteration's moment and returns the phase it was aimed at.</summary>
    public async Task<string> WaitForMomentAsync(TimeSpan maxUptime, CancellationToken ct)
    {
        if (random.Next(100) < 40)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200 + random.NextDouble() * (maxUptime.TotalMilliseconds - 200)), ct);
            return Uniform;
        }
        var window = random.Next(_windows.Length);
        var (counter, maxDelay) = _windows[window];
        // Let the restarted server take up its backlog first, so the window is met at varied points of recovery.
        await Task.Delay(random.Next(0, 800), ct);
        var delay = random.Next(0, maxDelay + 1);
        var start = counter();
        var clock = Stopwatch.StartNew();
        while (counter() == start)
        {
            if (clock.Elapsed > WindowWait) return Missed;
            await Task.Delay(2, ct);
        }
        if (delay > 0) await Task.Delay(delay, ct);
        return WindowPhases[window];
    }
}
