namespace Reelay.Scheduling;

/// <summary>
/// Tells a step of the wall clock (NTP stepping, <c>date -s</c>, a VM restored from a snapshot) from its normal
/// running: between two observations the wall clock should advance by what the monotonic clock advanced. The
/// difference is the step; under <see cref="Threshold"/> it is ordinary drift and slewing, and is ignored.
/// Not thread-safe: one caller observes.
/// </summary>
public sealed class ClockStepDetector(DateTimeOffset wall, long timestamp, long timestampFrequency)
{
    /// <summary>Smallest difference reported as a step (NTP slews corrections under 128 ms; a timer tick is late by far less).</summary>
    public static readonly TimeSpan Threshold = TimeSpan.FromSeconds(2);

    private DateTimeOffset _wall = wall;
    private long _timestamp = timestamp;

    /// <summary>The step since the last observation (negative: the clock went back), or null when there was none.</summary>
    public TimeSpan? Observe(DateTimeOffset wall, long timestamp)
    {
        var monotonic = TimeSpan.FromSeconds((double)(timestamp - _timestamp) / timestampFrequency);
        var step = wall - _wall - monotonic;
        _wall = wall;
        _timestamp = timestamp;
        return step.Duration() >= Threshold ? step : null;
    }
}
