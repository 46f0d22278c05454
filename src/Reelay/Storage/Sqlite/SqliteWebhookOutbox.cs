using Microsoft.Data.Sqlite;
using Reelay.Storage.Rows;
using Reelay.Webhooks;

namespace Reelay.Storage.Sqlite;

/// <summary>
/// <see cref="IWebhookOutbox"/> on the job store's SQLite file. Rows are inserted by
/// <see cref="SqliteJobStore.TryUpdateAsync"/> in the transaction of the transition that causes them.
/// A claim leases a message to one dispatcher until lease_until; after that any dispatcher may claim it again
/// (at least once). Attempts are numbered by the store: the logged <see cref="DeliveryAttempt.Attempt"/> is
/// the message's attempt count after this attempt, whatever the caller passed.
/// </summary>
public sealed class SqliteWebhookOutbox(SqliteDatabase database) : IWebhookOutbox
{
    private const string Columns = OutboxRows.Columns;

    // $ahead = now + ScheduleHorizon.Webhooks: a next attempt stored beyond it was left by a clock that stepped back.
    private const string ClaimSql = $"""
        UPDATE webhook_outbox SET lease_owner = $owner, lease_until = $until
        WHERE id IN (
            SELECT id FROM webhook_outbox
            WHERE state = 'pending' AND (next_attempt_at <= $now OR next_attempt_at > $ahead) AND (lease_until IS NULL OR lease_until < $now)
            ORDER BY next_attempt_at, created_at
            LIMIT $max)
        RETURNING {Columns}
        """;

    private const string CompleteSql = """
        UPDATE webhook_outbox SET attempts = attempts + 1, state = $state,
            next_attempt_at = coalesce($next, next_attempt_at), lease_owner = NULL, lease_until = NULL,
            last_status_code = $status_code, last_error = $error
        WHERE id = $id AND lease_owner = $owner
        RETURNING job_id, attempts
        """;

    private const string InsertAttemptSql = $"""
        INSERT INTO webhook_attempts ({OutboxRows.AttemptColumns})
        VALUES ($message_id, $job_id, $attempt, $at, $status_code, $error, $duration_ms, $response_snippet)
        """;

    private const string AttemptsSql = $"""
        SELECT {OutboxRows.AttemptColumns}
        FROM webhook_attempts WHERE job_id = $job_id ORDER BY id
        """;

    private const string MessagesSql = $"SELECT {Columns} FROM webhook_outbox WHERE job_id = $job_id ORDER BY created_at, rowid";

    private const string FailingSql = $"SELECT {Columns} FROM webhook_outbox WHERE {OutboxRows.FailingWhere} ORDER BY created_at DESC, rowid DESC LIMIT $max";

    private const string ShiftScheduleSql =
        "UPDATE webhook_outbox SET next_attempt_at = next_attempt_at + $by WHERE state = 'pending' AND next_attempt_at > $now";

    private const string RedeliverSql = "UPDATE webhook_outbox SET state = 'pending', next_attempt_at = $now WHERE id = $id";

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
        var claimed = await database.WriteAsync((owner, now, until: now + lease, max), static (s, c) =>
            ReadEntries(s.Command(ClaimSql)
                .Bind("$owner", c.owner)
                .Bind("$now", c.now)
                .Bind("$ahead", c.now + ScheduleHorizon.Webhooks)
                .Bind("$until", c.until)
                .Bind("$max", c.max)), ct).ConfigureAwait(false);
        OutboxRows.SortByDue(claimed);
        return claimed;
    }

    public Task<bool> CompleteAttemptAsync(
        string messageId, string owner, DeliveryAttempt attempt, OutboxState state, DateTimeOffset? nextAttemptAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (state == OutboxState.Pending && nextAttemptAt is null)
            throw new ArgumentException("a message left pending needs its next attempt time", nameof(nextAttemptAt));
        return database.WriteAsync((messageId, owner, attempt, state, nextAttemptAt), static (s, c) =>
        {
            string jobId;
            int attempts;
            using (var reader = s.Command(CompleteSql)
                .Bind("$id", c.messageId)
                .Bind("$owner", c.owner)
                .Bind("$state", StoreNames.State(c.state))
                .Bind("$next", c.nextAttemptAt)
                .Bind("$status_code", c.attempt.StatusCode)
                .Bind("$error", c.attempt.Error)
                .ExecuteReader())
            {
                if (!reader.Read()) return false;
                jobId = reader.GetString(0);
                attempts = reader.GetInt32(1);
            }
            s.Command(InsertAttemptSql).Bind(OutboxRows.AttemptParameters(c.messageId, jobId, attempts, c.attempt)).ExecuteNonQuery();
            return true;
        }, ct);
    }

    public Task<IReadOnlyList<DeliveryAttempt>> GetAttemptsAsync(string jobId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<DeliveryAttempt>>(database.Read(jobId, static (s, jobId) =>
        {
            using var r = s.Command(AttemptsSql).Bind("$job_id", jobId).ExecuteReader();
            return OutboxRows.ReadAttempts(r);
        }));
    }

    public Task<IReadOnlyList<OutboxEntry>> GetMessagesAsync(string jobId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<OutboxEntry>>(database.Read(jobId, static (s, jobId) =>
            ReadEntries(s.Command(MessagesSql).Bind("$job_id", jobId))));
    }

    public Task<IReadOnlyList<OutboxEntry>> GetFailingAsync(int max, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (max <= 0) return Task.FromResult<IReadOnlyList<OutboxEntry>>([]);
        return Task.FromResult<IReadOnlyList<OutboxEntry>>(database.Read(max, static (s, max) =>
            ReadEntries(s.Command(FailingSql).Bind("$max", max))));
    }

    public Task<bool> RedeliverAsync(string messageId, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        return database.WriteAsync((messageId, now), static (s, c) =>
            s.Command(RedeliverSql).Bind("$id", c.messageId).Bind("$now", c.now).ExecuteNonQuery() == 1, ct);
    }

    public Task<int> ShiftScheduleAsync(DateTimeOffset now, TimeSpan by, CancellationToken ct) =>
        database.WriteAsync((now, by: (long)by.TotalMilliseconds), static (s, c) =>
            s.Command(ShiftScheduleSql).Bind("$now", c.now).Bind("$by", c.by).ExecuteNonQuery(), ct);

    /// <summary>When the next pending message becomes claimable: its next_attempt_at, or just after its lease ends.</summary>
    public Task<DateTimeOffset?> NextDueAtAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(0, static (s, _) =>
            s.Command(NextDueSql).ExecuteScalar() is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null));
    }

    private static List<OutboxEntry> ReadEntries(SqliteCommand command)
    {
        using var r = command.ExecuteReader();
        return OutboxRows.ReadEntries(r);
    }
}
