using Microsoft.Extensions.Hosting;
using Reelay.Jobs;
using Reelay.Scheduling;
using Reelay.Storage;

namespace Reelay.Upstreams;

/// <summary>
/// Turns an upstream's callback (or webhook) into "ask the upstream now": the job's next status query is moved to
/// the present and the scheduler is woken. The callback's body is never read, so a callback cannot complete, fail or
/// otherwise change a job by itself; the query's answer is what counts. Safe against every arrival order:
/// <list type="bullet">
/// <item>unknown job, forged id, or a job already finished: nothing happens;</item>
/// <item>the job is busy (its submit is in flight, or a query or ingest is running under a lease): the hint waits
/// for the lease to be released, up to <see cref="MaxWait"/>, then moves the query that step scheduled — so a
/// callback that beats the recording of the upstream task id is not lost;</item>
/// <item>a poll running under a lease on this node is told directly (<see cref="UpstreamHints"/>): it schedules its next
/// query for now instead of its planned time, so the callback costs no extra wait;</item>
/// <item>every write is compare-and-set on the job's version, so a hint never overwrites a step's result.</item>
/// </list>
/// </summary>
public sealed class UpstreamCallbackHints(IJobStore store, JobWriter writer, SchedulerSignal signal, UpstreamHints pending, TimeProvider time,
    IHostApplicationLifetime lifetime)
{
    /// <summary>Longest a hint waits for the job's current step to finish.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(25);

    /// <summary>Hints being applied at once; beyond this a hint is dropped (it only saves time: the planned poll still comes).</summary>
    public const int MaxConcurrent = 512;
    private readonly SemaphoreSlim _slots = new(MaxConcurrent, MaxConcurrent);

    /// <summary>
    /// Applies the hint in the background and returns at once, so the upstream's callback request is answered
    /// immediately (upstreams time callbacks out, and some send them from a small pool: a held answer delays others).
    /// </summary>
    public void Accept(string jobId)
    {
        if (!_slots.Wait(0)) return;
        _ = Task.Run(async () =>
        {
            try { await QueryNowAsync(jobId, lifetime.ApplicationStopping).ConfigureAwait(false); }
            catch (OperationCanceledException) { /* shutting down */ }
            catch (Exception ex) when (ex is not OutOfMemoryException) { /* a store hiccup: the planned poll still comes */ }
            finally { _slots.Release(); }
        });
    }

    /// <summary>True when the job's next query was moved to now; false when there was nothing to hurry.</summary>
    public async Task<bool> QueryNowAsync(string jobId, CancellationToken ct)
    {
        if (jobId.Length is 0 or > 64) return false;
        var giveUpAt = time.GetUtcNow() + MaxWait;
        while (true)
        {
            var job = await store.GetAsync(jobId, ct).ConfigureAwait(false);
            if (job is null || job.Status.IsTerminal()) return false;
            var now = time.GetUtcNow();
            var busy = job.LeaseToken is not null && job.LeaseUntil > now;
            if (!busy && job.Stage == JobStage.Poll)
            {
                var dueAt = UpstreamHints.HurriedDueAt(job);
                if (job.NextRunAt is { } due && due <= dueAt) return true; // already hurried: the scheduler will query it first
                var hurried = await writer.CommitAsync(new JobTransition(job with { NextRunAt = dueAt, UpdatedAt = now }, [], []), null, ct).ConfigureAwait(false);
                if (hurried is not null)
                {
                    signal.Kick();
                    return true;
                }
                continue; // lost the compare-and-set to a step or the scheduler: look again
            }
            // Not yet submitted (only a step that is submitting it can lead anywhere), or busy: wait for the step.
            if (!busy && job.Stage != JobStage.Submitting) return false;
            if (busy && job.Stage == JobStage.Poll) pending.Add(job.Id);
            if (now >= giveUpAt) return false;
            await Task.Delay(Recheck, time, ct).ConfigureAwait(false);
        }
    }
}
