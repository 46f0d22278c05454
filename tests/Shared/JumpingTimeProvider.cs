namespace Reelay.TestSupport;

/// <summary>
/// The system clock with a wall-clock offset that can jump, as NTP stepping or an operator's <c>date -s</c> does:
/// <see cref="GetUtcNow"/> jumps, while timestamps and timers (monotonic on a real machine) run on unaffected.
/// </summary>
public sealed class JumpingTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Jump(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
