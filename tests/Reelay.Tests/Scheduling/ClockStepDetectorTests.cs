using Reelay.Scheduling;

namespace Reelay.Tests.Scheduling;

public sealed class ClockStepDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private const long Frequency = TimeSpan.TicksPerSecond;

    private static long At(double seconds) => (long)(seconds * Frequency);

    [Fact]
    public void Observe_WallFollowsMonotonic_NoStep()
    {
        var detector = new ClockStepDetector(T0, At(100), Frequency);

        Assert.Null(detector.Observe(T0.AddSeconds(1), At(101)));
        Assert.Null(detector.Observe(T0.AddSeconds(61), At(161)));
    }

    [Fact]
    public void Observe_DriftUnderTheThreshold_Ignored()
    {
        var detector = new ClockStepDetector(T0, At(0), Frequency);

        Assert.Null(detector.Observe(T0.AddSeconds(1).AddMilliseconds(-500), At(1)));
    }

    [Fact]
    public void Observe_WallSteppedBack_ReportsTheStepOnceThenFollowsTheNewClock()
    {
        var detector = new ClockStepDetector(T0, At(0), Frequency);

        var step = detector.Observe(T0.AddSeconds(1).AddMinutes(-20), At(1));
        var after = detector.Observe(T0.AddSeconds(2).AddMinutes(-20), At(2));

        Assert.Equal(TimeSpan.FromMinutes(-20), step);
        Assert.Null(after);
    }

    [Fact]
    public void Observe_WallSteppedForward_ReportsAPositiveStep()
    {
        var detector = new ClockStepDetector(T0, At(0), Frequency);

        Assert.Equal(TimeSpan.FromHours(3), detector.Observe(T0.AddSeconds(1).AddHours(3), At(1)));
    }
}
