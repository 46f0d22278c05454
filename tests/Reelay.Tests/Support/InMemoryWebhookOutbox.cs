using Reelay.Storage;
using Reelay.Webhooks;

namespace Reelay.Tests.Support;

/// <summary>
/// A test double of the outbox port with the contract's lease semantics (claim only due, unleased or lease-expired
/// pending messages; completion fenced by owner), plus counters the dispatcher tests assert on.
/// </summary>
public sealed class InMemoryWebhookOutbox(TimeProvider time) : IWebhookOutbox
{
    private readonly Lock _lock = new();
    private readonly List<Row> _rows = [];
    private readonly List<DeliveryAttempt> _attempts = [];
    private int _maxLeasedAtOnce;

    /// <summary>The most messages this outbox ever had leased at the same time.</summary>
    public int MaxLeasedAtOnce { get { lock (_lock) return _maxLeasedAtOnce; } }

    public void Add(WebhookMessage message, DateTimeOffset? dueAt = null)
    {
        lock (_lock) _rows.Add(new Row(message) { NextAttemptAt = dueAt ?? message.CreatedAt });
    }

    public OutboxEntry Get(string messageId)
    {
        lock (_lock) return _rows.Single(r => r.Message.Id == messageId).ToEntry();
    }

    public IReadOnlyList<DeliveryAttempt> Attempts(string messageId)
    {
        lock (_lock) return _attempts.Where(a => a.MessageId == messageId).ToList();
    }

    public Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct)
    {
        lock (_lock)
        {
            var due = _rows
                .Where(r => r.State == OutboxState.Pending && r.NextAttemptAt <= now && (r.LeaseUntil is null || r.LeaseUntil <= now))
                .OrderBy(r => r.NextAttemptAt)
                .Take(max)
                .ToList();
            foreach (var row in due)
            {
                row.LeaseOwner = owner;
                row.LeaseUntil = now + lease;
            }
            _maxLeasedAtOnce = Math.Max(_maxLeasedAtOnce, _rows.Count(r => r.LeaseUntil is not null));
            return Task.FromResult<IReadOnlyList<OutboxEntry>>(due.Select(r => r.ToEntry()).ToList());
        }
    }

    public Task<bool> CompleteAttemptAsync(string messageId, string owner, DeliveryAttempt attempt, OutboxState state, DateTimeOffset? nextAttemptAt, CancellationToken ct)
    {
        if (state == OutboxState.Pending && nextAttemptAt is null) throw new ArgumentException("pending needs a next attempt time");
        lock (_lock)
        {
            var row = _rows.Single(r => r.Message.Id == messageId);
            if (row.LeaseOwner != owner || row.LeaseUntil is null) return Task.FromResult(false);
            _attempts.Add(attempt);
            row.Attempts++;
            row.State = state;
            row.NextAttemptAt = nextAttemptAt ?? row.NextAttemptAt;
            row.LastStatusCode = attempt.StatusCode;
            row.LastError = attempt.Error;
            row.LeaseOwner = null;
            row.LeaseUntil = null;
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<DeliveryAttempt>> GetAttemptsAsync(string jobId, CancellationToken ct)
    {
        lock (_lock) return Task.FromResult<IReadOnlyList<DeliveryAttempt>>(_attempts.Where(a => a.JobId == jobId).ToList());
    }

    public Task<IReadOnlyList<OutboxEntry>> GetMessagesAsync(string jobId, CancellationToken ct)
    {
        lock (_lock) return Task.FromResult<IReadOnlyList<OutboxEntry>>(_rows.Where(r => r.Message.JobId == jobId).Select(r => r.ToEntry()).ToList());
    }

    public Task<IReadOnlyList<OutboxEntry>> GetFailingAsync(int max, CancellationToken ct)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<OutboxEntry>>(_rows
                .Where(r => r.State == OutboxState.Failed
                    || (r.State == OutboxState.Pending && r.Attempts > 0 && r.LastStatusCode is not (>= 200 and <= 299)))
                .Select((r, i) => (r, i)).OrderByDescending(x => x.r.Message.CreatedAt).ThenByDescending(x => x.i)
                .Take(Math.Max(0, max)).Select(x => x.r.ToEntry()).ToList());
        }
    }

    public Task<bool> RedeliverAsync(string messageId, DateTimeOffset now, CancellationToken ct)
    {
        lock (_lock)
        {
            var row = _rows.SingleOrDefault(r => r.Message.Id == messageId);
            if (row is null) return Task.FromResult(false);
            row.State = OutboxState.Pending;
            row.NextAttemptAt = now;
            return Task.FromResult(true);
        }
    }

    public Task<int> ShiftScheduleAsync(DateTimeOffset now, TimeSpan by, CancellationToken ct)
    {
        lock (_lock)
        {
            var moved = _rows.Where(r => r.State == OutboxState.Pending && r.NextAttemptAt > now).ToList();
            foreach (var r in moved) r.NextAttemptAt += by;
            return Task.FromResult(moved.Count);
        }
    }

    public Task<DateTimeOffset?> NextDueAtAsync(CancellationToken ct)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var pending = _rows.Where(r => r.State == OutboxState.Pending && (r.LeaseUntil is null || r.LeaseUntil <= now)).ToList();
            return Task.FromResult(pending.Count == 0 ? (DateTimeOffset?)null : pending.Min(r => r.NextAttemptAt));
        }
    }

    private sealed class Row(WebhookMessage message)
    {
        public WebhookMessage Message { get; } = message;
        public OutboxState State { get; set; } = OutboxState.Pending;
        public int Attempts { get; set; }
        public DateTimeOffset NextAttemptAt { get; set; }
        public int? LastStatusCode { get; set; }
        public string? LastError { get; set; }
        public string? LeaseOwner { get; set; }
        public DateTimeOffset? LeaseUntil { get; set; }

        public OutboxEntry ToEntry() => new(Message, State, Attempts, NextAttemptAt, LastStatusCode, LastError);
    }
}
