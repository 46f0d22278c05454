using Reelay.Storage.Rows;
using Reelay.Webhooks;

namespace Reelay.Storage.Postgres;

/// <summary>
/// <see cref="IWebhookOutbox"/> on the job store's PostgreSQL database. Rows are inserted by
/// <see cref="PostgresJobStore.TryUpdateAsync"/> in the transaction of the transition that causes them. A claim
/// locks due messages with <c>FOR UPDATE SKIP LOCKED</c> and leases them to one dispatcher until lease_until; after
/// that any dispatcher on any node may claim them again (at least once). Attempts are numbered by the store, as in
/// the SQLite outbox.
/// </summary>
public sealed class PostgresWebhookOutbox(PostgresDatabase database) : IWebhookOutbox
{
    // @ahead = now + ScheduleHorizon.Webhooks: a next attempt stored beyond it was left by a clock that stepped back.
    private const string ClaimSql = $"""
        WITH due AS (
            SELECT id FROM webhook_outbox
            WHERE state = 'pending' AND (next_attempt_at <= @now OR next_attempt_at > @ahead) AND (lease_until IS NULL OR lease_until < @now)
            ORDER BY next_attempt_at, created_at
            LIMIT @max
            FOR UPDATE SKIP LOCKED)
        UPDATE webhook_outbox SET lease_owner = @owner, lease_until = @until
        WHERE id IN (SELECT id FROM due)
        RETURNING {OutboxRows.Columns}
        """;

    private const string CompleteSql = """
        UPDATE webhook_outbox SET attempts = attempts + 1, state = @state,
            next_attempt_at = COALESCE(@next, next_attempt_at), lease_owner = NULL, lease_until = NULL,
            last_status_code = @status_code, last_error = @error
        WHERE id = @id AND lease_owner = @owner
        RETURNING job_id, attempts
        """;

    private const string InsertAttemptSql = $"""
        INSERT INTO webhook_attempts ({OutboxRows.AttemptColumns})
        VALUES (@message_id, @job_id, @attempt, @at, @status_code, @error, @duration_ms, @response_snippet)
        """;

    private const string ShiftScheduleSql =
        "UPDATE webhook_outbox SET next_attempt_at = next_attempt_at + @by WHERE state = 'pending' AND next_attempt_at > @now";

    private const string RedeliverSql = "UPDATE webhook_outbox SET state = 'pending', next_attempt_at = @now WHERE id = @id";

    private const string AttemptsSql = $"SELECT {OutboxRows.AttemptColumns} FROM webhook_attempts WHERE job_id = @job_id ORDER BY id";

    private const string MessagesSql = $"SELECT {OutboxRows.Columns} FROM webhook_outbox WHERE job_id = @job_id ORDER BY created_at, seq";

    private const string FailingSql = $"SELECT {OutboxRows.Columns} FROM webhook_outbox WHERE {OutboxRows.FailingWhere} ORDER BY created_at DESC, seq DESC LIMIT @max";

    // A leased message becomes claimable the millisecond after its lease ends; reporting that lets a
    // dispatcher pick up messages whose sender died without a separate sweep.
    private const string NextDueSql = """
        SELECT MIN(CASE WHEN lease_until IS NULL OR lease_until < next_attempt_at THEN next_attempt_at ELSE lease_until + 1 END)
        FROM webhook_outbox WHERE state = 'pending'
        """;

    public async Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        if (max <= 0) return [];
        var claimed = await database.ClaimAsync(ClaimSql, OutboxRows.ReadEntries, owner, now, lease, max, ScheduleHorizon.Webhooks, ct).ConfigureAwait(false);
        OutboxRows.SortByDue(claimed);
        return claimed;
    }

    public Task<bool> CompleteAttemptAsync(
        string messageId, string owner, DeliveryAttempt attempt, OutboxState state, DateTimeOffset? nextAttemptAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (state == OutboxState.Pending && nextAttemptAt is null)
            throw new ArgumentException("a message left pending needs its next attempt time", nameof(nextAttemptAt));
        return database.InTransactionAsync((messageId, owner, attempt, state, nextAttemptAt), static async (c, a, ct) =>
        {
            var completed = await c.Command(CompleteSql)
                .Bind("id", a.messageId)
                .Bind("owner", a.owner)
                .Bind("state", StoreNames.State(a.state))
                .Bind("next", JobRows.Ms(a.nextAttemptAt))
                .Bind("status_code", a.attempt.StatusCode)
                .Bind("error", a.attempt.Error)
                .ReadAsync(r => r.Read() ? (JobId: r.GetString(0), Attempts: r.GetInt32(1)) : default((string JobId, int Attempts)?), ct)
                .ConfigureAwait(false);
            if (completed is not { } done) return false;
            await c.Command(InsertAttemptSql).Bind(OutboxRows.AttemptParameters(a.messageId, done.JobId, done.Attempts, a.attempt))
                .RunAsync(ct).ConfigureAwait(false);
            return true;
        }, ct);
    }

    public async Task<IReadOnlyList<DeliveryAttempt>> GetAttemptsAsync(string jobId, CancellationToken ct) =>
        await database.RunAsync(jobId, static (c, jobId, ct) =>
            c.Command(AttemptsSql).Bind("job_id", jobId).ReadAsync(OutboxRows.ReadAttempts, ct), ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<OutboxEntry>> GetMessagesAsync(string jobId, CancellationToken ct) =>
        await database.RunAsync(jobId, static (c, jobId, ct) =>
            c.Command(MessagesSql).Bind("job_id", jobId).ReadAsync(OutboxRows.ReadEntries, ct), ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<OutboxEntry>> GetFailingAsync(int max, CancellationToken ct)
    {
        if (max <= 0) return [];
        return await database.RunAsync(max, static (c, max, ct) =>
            c.Command(FailingSql).Bind("max", max).ReadAsync(OutboxRows.ReadEntries, ct), ct).ConfigureAwait(false);
    }

    public async Task<bool> RedeliverAsync(string messageId, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        return await database.RunAsync((messageId, now), static async (c, m, ct) =>
        {
            if (await c.Command(RedeliverSql).Bind("id", m.messageId).Bind("now", m.now).ExecuteNonQueryAsync(ct).ConfigureAwait(false) != 1) return false;
            // Announced like a new message, so a dispatcher on any node sends it now rather than at its next idle poll.
            await PostgresWakeup.NotifyAsync(c, PostgresDatabase.WebhooksChannel, ct).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Wakes every node's dispatcher once the move committed: the moved messages may be due now.</summary>
    public async Task<int> ShiftScheduleAsync(DateTimeOffset now, TimeSpan by, CancellationToken ct) =>
        await database.RunAsync((now, by: (long)by.TotalMilliseconds), static async (c, s, ct) =>
        {
            var moved = await c.Command(ShiftScheduleSql).Bind("now", s.now).Bind("by", s.by).RunAsync(ct).ConfigureAwait(false);
            if (moved > 0)
                await PostgresWakeup.NotifyAsync(c, PostgresDatabase.WebhooksChannel, ct).ConfigureAwait(false);
            return moved;
        }, ct).ConfigureAwait(false);

    /// <summary>When the next pending message becomes claimable: its next_attempt_at, or just after its lease ends.</summary>
    public async Task<DateTimeOffset?> NextDueAtAsync(CancellationToken ct) =>
        await database.RunAsync(0, static (c, _, ct) => c.Command(NextDueSql).ScalarAsync(ct), ct).ConfigureAwait(false) is long ms
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
