using Reelay.Jobs;
using Reelay.Storage.Rows;

namespace Reelay.Storage.Postgres;

/// <summary>Claims, leases and the schedule: which node runs a job's next step, and when.</summary>
public sealed partial class PostgresJobStore
{
    // One walk of ix_jobs_due that stops after @max claimable rows; rows another claimer has locked are skipped,
    // not waited for, and a row re-checked after a concurrent claim committed fails the lease test. The token is
    // random per row and claim; it only has to be unique, not secret.
    // Two locking reads, so the common one stays an index range: due work walks ix_jobs_due up to now only (an OR with
    // the horizon test in one WHERE made every claim walk the whole partial index, i.e. the whole backlog, whenever
    // fewer than @max were due); the rare next steps beyond now + ScheduleHorizon.Jobs (left by a clock that stepped
    // back) are read among unfinished jobs only, and fill what the first read left of @max.
    private const string ClaimSql = $"""
        WITH due AS (
            SELECT id FROM jobs
            WHERE {NonTerminal} AND {Due} <= @now AND (lease_until IS NULL OR lease_until < @now)
            ORDER BY {Due}, id
            LIMIT @max
            FOR UPDATE SKIP LOCKED),
        stepped AS (
            SELECT id FROM jobs
            WHERE {NonTerminal} AND next_run_at > @ahead AND {Due} > @now AND (lease_until IS NULL OR lease_until < @now)
            ORDER BY next_run_at DESC
            LIMIT (@max - (SELECT count(*) FROM due))
            FOR UPDATE SKIP LOCKED)
        UPDATE jobs SET lease_owner = @owner, lease_token = replace(gen_random_uuid()::text, '-', ''), lease_until = @until,
            attempts = attempts + 1, version = version + 1
        WHERE id IN (SELECT id FROM due UNION ALL SELECT id FROM stepped)
        RETURNING {JobRows.Columns}
        """;

    private const string RenewSql =
        $"UPDATE jobs SET lease_until = @until WHERE id = @id AND lease_token = @token AND {NonTerminal}";

    private const string ShiftScheduleSql =
        $"UPDATE jobs SET next_run_at = next_run_at + @by WHERE {NonTerminal} AND next_run_at > @now";

    private const string ReleaseSql = """
        UPDATE jobs SET lease_owner = NULL, lease_token = NULL, lease_until = NULL, version = version + 1
        WHERE lease_until < @now
        """;

    private const string ReleaseOwnedSql = """
        UPDATE jobs SET lease_owner = NULL, lease_token = NULL, lease_until = NULL, version = version + 1
        WHERE lease_owner = @owner AND lease_until IS NOT NULL
        """;

    private const string NextDueSql = $"SELECT MIN({Due}) FROM jobs WHERE {NonTerminal} AND lease_until IS NULL";

    public async Task<IReadOnlyList<VideoJob>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        if (max <= 0) return [];
        var claimed = await database.ClaimAsync(ClaimSql, JobRows.ReadJobs, owner, now, lease, max, ScheduleHorizon.Jobs, ct).ConfigureAwait(false);
        JobRows.SortByDue(claimed);
        return claimed;
    }

    public async Task<bool> RenewLeaseAsync(string jobId, string leaseToken, DateTimeOffset until, CancellationToken ct) =>
        await database.RunAsync((jobId, leaseToken, until), static (c, a, ct) =>
            c.Command(RenewSql).Bind("id", a.jobId).Bind("token", a.leaseToken).Bind("until", a.until).RunAsync(ct), ct).ConfigureAwait(false) == 1;

    /// <summary>
    /// Also increments the version of each released job (its ownership changed), and wakes every node's scheduler
    /// once the release committed: the released jobs are claimable now.
    /// </summary>
    public Task<int> ReleaseExpiredLeasesAsync(DateTimeOffset now, CancellationToken ct) =>
        database.RunAsync(now, static async (c, now, ct) =>
        {
            var released = await c.Command(ReleaseSql).Bind("now", now).RunAsync(ct).ConfigureAwait(false);
            if (released > 0) await PostgresWakeup.NotifyAsync(c, PostgresDatabase.JobsChannel, ct).ConfigureAwait(false);
            return released;
        }, ct);

    /// <summary>Wakes every node's scheduler once the release committed.</summary>
    public Task<int> ReleaseLeasesOfAsync(string owner, CancellationToken ct) =>
        database.RunAsync(owner, static async (c, owner, ct) =>
        {
            var released = await c.Command(ReleaseOwnedSql).Bind("owner", owner).RunAsync(ct).ConfigureAwait(false);
            if (released > 0) await PostgresWakeup.NotifyAsync(c, PostgresDatabase.JobsChannel, ct).ConfigureAwait(false);
            return released;
        }, ct);

    /// <summary>Wakes every node's scheduler once the move committed: the moved jobs may be due now.</summary>
    public Task<int> ShiftScheduleAsync(DateTimeOffset now, TimeSpan by, CancellationToken ct) =>
        database.RunAsync((now, by: (long)by.TotalMilliseconds), static async (c, s, ct) =>
        {
            var moved = await c.Command(ShiftScheduleSql).Bind("now", s.now).Bind("by", s.by).RunAsync(ct).ConfigureAwait(false);
            if (moved > 0) await PostgresWakeup.NotifyAsync(c, PostgresDatabase.JobsChannel, ct).ConfigureAwait(false);
            return moved;
        }, ct);

    /// <summary>The earliest of next_run_at and deadline_at over unleased non-terminal jobs.</summary>
    public async Task<DateTimeOffset?> NextDueAtAsync(CancellationToken ct) =>
        await database.RunAsync(0, static (c, _, ct) => c.Command(NextDueSql).ScalarAsync(ct), ct).ConfigureAwait(false) is long ms
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
