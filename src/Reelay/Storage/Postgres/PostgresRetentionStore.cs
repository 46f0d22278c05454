using Reelay.Jobs;
using Reelay.Storage.Rows;

namespace Reelay.Storage.Postgres;

/// <summary><see cref="IRetentionStore"/> on PostgreSQL; a job and everything hanging off it are deleted in one transaction.</summary>
public sealed class PostgresRetentionStore(PostgresDatabase database) : IRetentionStore
{
    private const string Terminal = "status IN ('succeeded', 'failed', 'canceled')";

    private static readonly string[] ListSql = new[] { false, true }.Select(withOutputs =>
        $"SELECT {JobRows.Columns} FROM jobs " +
        $"WHERE completed_at IS NOT NULL AND completed_at < @before AND {Terminal}" +
        (withOutputs ? " AND outputs_json IS NOT NULL" : "") +
        " ORDER BY completed_at, id LIMIT @max").ToArray();

    // The job row is locked first (FOR UPDATE) so a concurrent writer cannot slip between the check and the delete.
    private const string DeleteSql = $"""
        WITH target AS (SELECT id FROM jobs WHERE id = @id AND {Terminal} FOR UPDATE),
             attempts AS (DELETE FROM webhook_attempts WHERE job_id IN (SELECT id FROM target)),
             messages AS (DELETE FROM webhook_outbox WHERE job_id IN (SELECT id FROM target)),
             events AS (DELETE FROM job_events WHERE job_id IN (SELECT id FROM target))
        DELETE FROM jobs WHERE id IN (SELECT id FROM target)
        """;

    private const string AcquireSql = """
        INSERT INTO task_leases (name, owner, lease_until) VALUES (@name, @owner, @until)
        ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
        WHERE task_leases.owner = excluded.owner OR task_leases.lease_until < @now
        """;

    public Task<IReadOnlyList<VideoJob>> ListCompletedBeforeAsync(DateTimeOffset completedBefore, bool withOutputsOnly, int max, CancellationToken ct)
    {
        if (max <= 0) return Task.FromResult<IReadOnlyList<VideoJob>>([]);
        return database.RunAsync((completedBefore, withOutputsOnly, max), static async (c, q, ct) =>
            (IReadOnlyList<VideoJob>)await c.Command(ListSql[q.withOutputsOnly ? 1 : 0]).Bind("before", q.completedBefore).Bind("max", q.max)
                .ReadAsync(JobRows.ReadJobs, ct).ConfigureAwait(false), ct);
    }

    public async Task<bool> DeleteTerminalAsync(string jobId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        return await database.InTransactionAsync(jobId, static (c, id, ct) => c.Command(DeleteSql).Bind("id", id).RunAsync(ct), ct).ConfigureAwait(false) == 1;
    }

    public async Task<bool> TryAcquireTaskLeaseAsync(string task, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(task);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return await database.RunAsync((task, owner, now, until: now + lease), static (c, l, ct) =>
            c.Command(AcquireSql).Bind("name", l.task).Bind("owner", l.owner).Bind("now", l.now).Bind("until", l.until).RunAsync(ct), ct).ConfigureAwait(false) == 1;
    }
}
