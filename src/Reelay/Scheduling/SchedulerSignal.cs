namespace Reelay.Scheduling;

/// <summary>
/// Wakes the scheduler when new work may be due (a job was created, a step finished). Kicks coalesce:
/// any number of kicks before the next wait wake it once. Missed kicks cost at most one idle interval.
/// </summary>
public sealed class SchedulerSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Kick()
    {
        if (_semaphore.CurrentCount == 0)
        {
            try { _semaphore.Release(); }
            catch (SemaphoreFullException) { /* already signaled */ }
        }
    }

    /// <summary>Returns when kicked or after <paramref name="timeout"/>.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _semaphore.WaitAsync(timeout, ct);
}
