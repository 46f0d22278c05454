using Reelay.Jobs;

namespace Reelay.Providers.Kling.Upstream;

/// <summary>
/// When to ask again and how far along a task probably is. Kling reports no eta or progress, so both come
/// from the time since submit against a typical generation time for the request: queries grow sparser as a
/// task runs long (half the elapsed time, jittered so many jobs do not query in step), never beyond
/// <see cref="KlingUpstreamOptions.MaxPollInterval"/> and never under <see cref="MinInterval"/>.
/// </summary>
internal static class KlingPollSchedule
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);
    private const double JitterFraction = 0.1;

    /// <summary>Rough Kling timings: 5 s std ≈ 2 min; 10 s and pro each take about twice as long.</summary>
    public static TimeSpan TypicalDuration(VideoRequest request)
    {
        var seconds = 120.0;
        if (request.DurationSeconds > 5) seconds *= 2;
        if (request.Mode == VideoMode.Pro) seconds *= 2;
        return TimeSpan.FromSeconds(seconds);
    }

    public static TimeSpan NextPoll(TimeSpan elapsed, TimeSpan max, double random01)
    {
        var upper = max < MinInterval ? MinInterval : max;
        var basis = elapsed / 2;
        var jittered = basis * (1 + JitterFraction * (2 * random01 - 1));
        return jittered < MinInterval ? MinInterval : jittered > upper ? upper : jittered;
    }

    /// <summary>Linear to 90 at the typical time, then creeping towards 99: never 100 before the result exists.</summary>
    public static int EstimateProgress(TimeSpan elapsed, TimeSpan typical, bool started)
    {
        if (elapsed <= TimeSpan.Zero) return 0;
        var ratio = elapsed / typical;
        var p = ratio <= 1 ? 90 * ratio : 90 + 9 * (1 - 1 / ratio);
        var value = (int)Math.Floor(p);
        // "submitted" is still queued upstream: report it as barely started.
        return started ? Math.Clamp(value, 1, 99) : Math.Clamp(value, 0, 5);
    }
}
