using System.Collections.Concurrent;

namespace Reelay.Tests.Support;

/// <summary>
/// A clock whose timers fire at once (on the thread pool) while recording the delay each was asked for, so poll
/// loops run instantly and tests assert on the waits they would have made.
/// </summary>
public sealed class ImmediateDelayTimeProvider : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _requested = new();

    /// <summary>Every timer due time requested, in order.</summary>
    public IReadOnlyList<TimeSpan> RequestedDelays => _requested.ToArray();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _requested.Enqueue(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }
        return new NoopTimer();
    }

    private sealed class NoopTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
