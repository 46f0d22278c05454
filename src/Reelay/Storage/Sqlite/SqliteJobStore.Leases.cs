using Reelay.Jobs;
using Reelay.Storage.Rows;

namespace Reelay.Storage.Sqlite;

/// <summary>Claims, leases and the schedule: which node runs a job's next step, and when.</summary>
public sealed partial class SqliteJobStore
{
    // Two index walks that stop after $max rows each (ix_jobs_due by next_run_at, ix_jobs_deadline for
    // jobs overdue before their next step), merged by due time: the cost follows $max and the number of
    // leased jobs, not the size of the backlog. The token is random per row and claim; it only has to be
    // unique, not secret.
    // $ahead = now + ScheduleHorizon.Jobs: a next step stored beyond it was left there by a clock that stepped back.
    // Leases are not judged that way: one far ahead may belong to a live step, which renews it on the new clock.
    private const string Claimable = $"{NonTerminal} AND (lease_until IS NULL OR lease_until < $now)";

    private const string ClaimSql = $"""
        UPDATE jobs SET lease_owner = $owner, lease_token = lower(hex(randomblob(16))), lease_until = $until,
            attempts = attempts + 1, version = version + 1
        WHERE id IN (
            SELECT id FROM (
                SELECT id, due FROM (
                    SELECT id, next_run_at AS due FROM jobs INDEXED BY ix_jobs_due
                    WHERE {Claimable} AND next_run_at <= $now
                    ORDER BY next_run_at LIMIT $max)
                UNION ALL
                SELECT id, due FROM (
                    SELECT id, deadline_at AS due FROM jobs INDEXED BY ix_jobs_deadline
                    WHERE {Claimable} AND deadline_at <= $now AND (next_run_at IS NULL OR next_run_at > $now)
                    ORDER BY deadline_at LIMIT $max)
                UNION ALL
                SELECT id, due FROM (
                    SELECT id, $now AS due FROM jobs INDEXED BY ix_jobs_due
                    WHERE {Claimable} AND next_run_at > $ahead
                    ORDER BY next_run_at DESC LIMIT $max))
            ORDER BY due, id LIMIT $max)
        RETURNING {JobRows.Columns}
        """;

    private const string RenewSql =
        $"UPDATE jobs SET lease_until = $until WHERE id = $id AND lease_token = $token AND {NonTerminal}";

    private const string ShiftScheduleSql =
        $"UPDATE jobs SET next_run_at = next_run_at + $by WHERE {NonTerminal} AND next_run_at > $now";

    private const string ReleaseSql = """
        UPDATE jobs SET lease_owner = NULL, lease_token = NULL, lease_until = NULL, version = version + 1
        WHERE lease_until < $now
        """;

    private const string ReleaseOwnedSql = """
        UPDATE jobs SET lease_owner = NULL, lease_token = NULL, lease_until = NULL, version = version + 1
        WHERE lease_owner = $owner AND lease_until IS NOT NULL
        """;

    // A job past its deadline is due then even if its next step is scheduled later.
    private const string NextDueSql = $"""
        SELECT MIN(due) FROM (
            SELECT due FROM (
                SELECT next_run_at AS due FROM jobs INDEXED BY ix_jobs_due
                WHERE {NonTerminal} AND next_run_at IS NOT NULL AND lease_until IS NULL
                ORDER BY next_run_at LIMIT 1)
            UNION ALL
            SELECT due FROM (
                SELECT deadline_at AS due FROM jobs INDEXED BY ix_jobs_deadline
                WHERE {NonTerminal} AND lease_until IS NULL
                ORDER BY deadline_at LIMIT 1))
        """;

    public async Task<IReadOnlyList<VideoJob>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        if (max <= 0) return [];
        var claimed = await database.WriteAsync((owner, now, until: now + lease, max), static (s, c) =>
            SqliteJobRows.ReadJobs(s.Command(ClaimSql)
                .Bind("$owner", c.owner)
                .Bind("$now", c.now)
                .Bind("$ahead", c.now + ScheduleHorizon.Jobs)
                .Bind("$until", c.until)
                .Bind("$max", c.max)), ct).ConfigureAwait(false);
        JobRows.SortByDue(claimed);
        return claimed;
    }

    public Task<bool> RenewLeaseAsync(string jobId, string leaseToken, DateTimeOffset until, CancellationToken ct) =>
        database.WriteAsync((jobId, leaseToken, until), static (s, r) =>
            s.Command(RenewSql).Bind("$id", r.jobId).Bind("$token", r.leaseToken).Bind("$until", r.until).ExecuteNonQuery() == 1, ct);

    /// <summary>Also increments the version of each released job: its ownership changed.</summary>
    public Task<int> ReleaseExpiredLeasesAsync(DateTimeOffset now, CancellationToken ct) =>
        database.WriteAsync(now, static (s, now) => s.Command(ReleaseSql).Bind("$now", now).ExecuteNonQuery(), ct);

    public Task<int> ReleaseLeasesOfAsync(string owner, CancellationToken ct) =>
        database.WriteAsync(owner, static (s, owner) => s.Command(ReleaseOwnedSql).Bind("$owner", owner).ExecuteNonQuery(), ct);

    public Task<int> ShiftScheduleAsync(DateTimeOffset now, TimeSpan by, CancellationToken ct) =>
        database.WriteAsync((now, by: (long)by.TotalMilliseconds), static (s, c) =>
            s.Command(ShiftScheduleSql).Bind("$now", c.now).Bind("$by", c.by).ExecuteNonQuery(), ct);

    /// <summary>The earliest of next_run_at and deadline_at over unleased non-terminal jobs.</summary>
    public Task<DateTimeOffset?> NextDueAtAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(0, static (s, _) =>
            s.Command(NextDueSql).ExecuteScalar() is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null));
    }
}
