using Microsoft.Extensions.Time.Testing;

namespace Reelay.Tests.Scheduling;

/// <summary>
/// A <see cref="FakeTimeProvider"/> whose wall clock can also step back, as NTP or <c>date -s</c> steps a real one:
/// the monotonic timestamp and the timers keep following the fake, only <see cref="GetUtcNow"/> takes the offset.
/// </summary>
public sealed class SteppableTime(FakeTimeProvider fake) : TimeProvider
{
    private TimeSpan _offset;

    public void Step(TimeSpan by) => _offset += by;

    public override DateTimeOffset GetUtcNow() => fake.GetUtcNow() + _offset;

    public override long GetTimestamp() => fake.GetTimestamp();

    public override long TimestampFrequency => fake.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        fake.CreateTimer(callback, state, dueTime, period);
}
