using Reelay.Jobs;

namespace Reelay.Storage;

/// <summary>
/// What retention needs from a store backend: finding finished jobs by age, deleting their records, and a
/// named lease so exactly one node of a cluster runs a periodic task at a time.
/// </summary>
public interface IRetentionStore
{
    /// <summary>
    /// Terminal jobs completed before <paramref name="completedBefore"/>, oldest first, at most <paramref name="max"/>;
    /// with <paramref name="withOutputsOnly"/> only those that still have stored outputs.
    /// </summary>
    Task<IReadOnlyList<VideoJob>> ListCompletedBeforeAsync(DateTimeOffset completedBefore, bool withOutputsOnly, int max, CancellationToken ct);

    /// <summary>
    /// Deletes a terminal job with its events, webhook messages and delivery attempts, in one transaction.
    /// False when the job does not exist or is not terminal (a live job is never deleted).
    /// </summary>
    Task<bool> DeleteTerminalAsync(string jobId, CancellationToken ct);

    /// <summary>
    /// Takes or extends the lease on <paramref name="task"/> for <paramref name="owner"/> until now + <paramref name="lease"/>;
    /// false while another owner holds an unexpired lease.
    /// </summary>
    Task<bool> TryAcquireTaskLeaseAsync(string task, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken ct);
}
