using Reelay.Storage;
namespace Reelay.Webhooks;

/// <summary>
/// The durable webhook outbox. Messages are added by <see cref="IJobStore.TryUpdateAsync"/>; dispatchers on
/// any node lease due messages, send them, and record each attempt. A message whose lease expires
/// (the sending node died) becomes due again: delivery is at least once, deduplicated by webhook-id.
/// </summary>
public interface IWebhookOutbox
{
    /// <summary>Leases up to <paramref name="max"/> pending messages with next_attempt_at ≤ now.</summary>
    Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct);

    /// <summary>
    /// Records one delivery attempt and the message's new state, fenced by the lease owner.
    /// <paramref name="nextAttemptAt"/> null with <paramref name="state"/> Pending is invalid.
    /// </summary>
    Task<bool> CompleteAttemptAsync(string messageId, string owner, DeliveryAttempt attempt, OutboxState state, DateTimeOffset? nextAttemptAt, CancellationToken ct);

    /// <summary>Every attempt for one job's messages, oldest first.</summary>
    Task<IReadOnlyList<DeliveryAttempt>> GetAttemptsAsync(string jobId, CancellationToken ct);

    /// <summary>The messages of one job (any state), oldest first.</summary>
    Task<IReadOnlyList<OutboxEntry>> GetMessagesAsync(string jobId, CancellationToken ct);

    /// <summary>
    /// Queues one more delivery of a message whatever its state (a "redeliver" from the console): it becomes pending
    /// and due at <paramref name="now"/>; its attempts so far are kept, so the new attempt is numbered after them.
    /// A lease held by a dispatcher sending it right now is left alone (that send finishes first). False when no
    /// message has that id.
    /// </summary>
    Task<bool> RedeliverAsync(string messageId, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Up to <paramref name="max"/> messages in trouble, newest first (by creation): failed ones, and pending ones whose
    /// last attempt got no 2xx (still retrying). For operators (the console's webhooks view); scans the outbox.
    /// </summary>
    Task<IReadOnlyList<OutboxEntry>> GetFailingAsync(int max, CancellationToken ct);

    /// <summary>
    /// After the wall clock stepped back by |<paramref name="by"/>|: moves every pending message's next attempt that lies
    /// after <paramref name="now"/> by <paramref name="by"/> (earlier). Leases are untouched. Returns how many moved.
    /// </summary>
    Task<int> ShiftScheduleAsync(DateTimeOffset now, TimeSpan by, CancellationToken ct);

    /// <summary>Earliest next_attempt_at among pending unleased messages.</summary>
    Task<DateTimeOffset?> NextDueAtAsync(CancellationToken ct);
}
