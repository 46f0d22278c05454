using Reelay.Jobs;
using Reelay.Storage.Rows;

namespace Reelay.Storage.Sqlite;

/// <summary><see cref="IRetentionStore"/> on the SQLite file; deletes run on the single writer like every other write.</summary>
public sealed class SqliteRetentionStore(SqliteDatabase database) : IRetentionStore
{
    private const string Terminal = "status IN ('succeeded', 'failed', 'canceled')";

    private static readonly string[] ListSql = new[] { false, true }.Select(withOutputs =>
        $"SELECT {JobRows.Columns} FROM jobs INDEXED BY ix_jobs_completed " +
        $"WHERE completed_at IS NOT NULL AND completed_at < $before AND {Terminal}" +
        (withOutputs ? " AND outputs_json IS NOT NULL" : "") +
        " ORDER BY completed_at, id LIMIT $max").ToArray();

    // Children first: job_events and webhook_outbox reference jobs, webhook_attempts references the outbox.
    private static readonly string[] DeleteChildrenSql =
    [
        "DELETE FROM webhook_attempts WHERE job_id = $id",
        "DELETE FROM webhook_outbox WHERE job_id = $id",
        "DELETE FROM job_events WHERE job_id = $id",
    ];

    private const string AcquireSql = """
        INSERT INTO task_leases (name, owner, lease_until) VALUES ($name, $owner, $until)
        ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
        WHERE task_leases.owner = excluded.owner OR task_leases.lease_until < $now
        """;

    public Task<IReadOnlyList<VideoJob>> ListCompletedBeforeAsync(DateTimeOffset completedBefore, bool withOutputsOnly, int max, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (max <= 0) return Task.FromResult<IReadOnlyList<VideoJob>>([]);
        return Task.FromResult<IReadOnlyList<VideoJob>>(database.Read((completedBefore, withOutputsOnly, max), static (s, q) =>
            SqliteJobRows.ReadJobs(s.Command(ListSql[q.withOutputsOnly ? 1 : 0]).Bind("$before", q.completedBefore).Bind("$max", q.max))));
    }

    public Task<bool> DeleteTerminalAsync(string jobId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        return database.WriteAsync(jobId, static (s, id) =>
        {
            if (s.Command($"SELECT 1 FROM jobs WHERE id = $id AND {Terminal}").Bind("$id", id).ExecuteScalar() is null) return false;
            foreach (var sql in DeleteChildrenSql) s.Command(sql).Bind("$id", id).ExecuteNonQuery();
            return s.Command("DELETE FROM jobs WHERE id = $id").Bind("$id", id).ExecuteNonQuery() == 1;
        }, ct);
    }

    public Task<bool> TryAcquireTaskLeaseAsync(string task, string owner, DateTimeOffset now, TimeSpan lease, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(task);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return database.WriteAsync((task, owner, now, until: now + lease), static (s, l) =>
            s.Command(AcquireSql).Bind("$name", l.task).Bind("$owner", l.owner).Bind("$now", l.now).Bind("$until", l.until).ExecuteNonQuery() == 1, ct);
    }
}
