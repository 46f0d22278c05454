using System.Collections.Concurrent;

namespace Reelay.Jobs;

/// <summary>
/// In-process wake-ups for readers waiting on a job (<c>Prefer: wait</c>, server-sent events). Only a
/// hint: readers re-read the store after waking and also re-poll on a short interval, because the change
/// may have happened on another node.
/// </summary>
public sealed class JobChangeNotifier
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);

    public void Notify(string jobId)
    {
        if (_waiters.TryRemove(jobId, out var tcs)) tcs.TrySetResult();
    }

    /// <summary>Completes when <see cref="Notify"/> is called for the job (true), or after <paramref name="timeout"/> (false).</summary>
    public async Task<bool> WaitAsync(string jobId, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        var tcs = _waiters.GetOrAdd(jobId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await tcs.Task.WaitAsync(timeout, time, ct).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            // Time to re-read the store anyway.
            return false;
        }
    }
}
