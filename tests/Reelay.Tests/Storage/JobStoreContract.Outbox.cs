using Reelay.Storage;
using Reelay.Webhooks;

namespace Reelay.Tests.Storage;

public abstract partial class JobStoreContract
{
    private static DeliveryAttempt Attempt(WebhookMessage message, int number, DateTimeOffset at, int? status, string? error = null) =>
        new(message.Id, message.JobId, number, at, status, error, 120, status is null ? null : "ok");

    [Fact]
    public async Task OutboxClaimDueAsync_PendingDueMessage_LeasesItOnce()
    {
        var job = await CreatedAsync(NewJob());
        var message = NewMessage(job, at: T0.AddSeconds(1));
        await AddMessagesAsync(job, message);

        Assert.Empty(await Outbox.ClaimDueAsync("d1", T0, Lease, 10, Ct));
        var claimed = Assert.Single(await Outbox.ClaimDueAsync("d1", T0.AddSeconds(1), Lease, 10, Ct));
        var again = await Outbox.ClaimDueAsync("d2", T0.AddSeconds(2), Lease, 10, Ct);

        Assert.Equal(message.Id, claimed.Message.Id);
        Assert.Equal(message.Payload, claimed.Message.Payload);
        Assert.Equal(OutboxState.Pending, claimed.State);
        Assert.Empty(again);
    }

    [Fact]
    public async Task OutboxClaimDueAsync_NextAttemptBeyondTheWebhookHorizon_ClaimedAsDue()
    {
        var job = await CreatedAsync(NewJob());
        var stepped = NewMessage(job, at: T0.AddHours(13));
        var planned = NewMessage(job, at: T0.AddHours(11));
        await AddMessagesAsync(job, stepped, planned);

        var claimed = await Outbox.ClaimDueAsync("d1", T0, Lease, 10, Ct);

        Assert.Equal([stepped.Id], claimed.Select(e => e.Message.Id));
    }

    [Fact]
    public async Task OutboxClaimDueAsync_MoreThanMax_ClaimsOldestFirst()
    {
        var job = await CreatedAsync(NewJob());
        var third = NewMessage(job, at: T0.AddSeconds(3));
        var first = NewMessage(job, at: T0.AddSeconds(1));
        var second = NewMessage(job, at: T0.AddSeconds(2));
        await AddMessagesAsync(job, third, first, second);

        var claimed = await Outbox.ClaimDueAsync("d1", T0.AddMinutes(1), Lease, 2, Ct);

        Assert.Equal([first.Id, second.Id], claimed.Select(e => e.Message.Id));
    }

    [Fact]
    public async Task CompleteAttemptAsync_Delivered_LogsAttemptAndNeverRedelivers()
    {
        var job = await CreatedAsync(NewJob());
        var message = NewMessage(job);
        await AddMessagesAsync(job, message);
        await Outbox.ClaimDueAsync("d1", T0, Lease, 10, Ct);

        var completed = await Outbox.CompleteAttemptAsync(message.Id, "d1", Attempt(message, 1, T0.AddSeconds(1), 204), OutboxState.Delivered, null, Ct);

        Assert.True(completed);
        var entry = Assert.Single(await Outbox.GetMessagesAsync(job.Id, Ct));
        Assert.Equal(OutboxState.Delivered, entry.State);
        Assert.Equal(1, entry.Attempts);
        Assert.Equal(204, entry.LastStatusCode);
        var attempt = Assert.Single(await Outbox.GetAttemptsAsync(job.Id, Ct));
        Assert.Equal(Attempt(message, 1, T0.AddSeconds(1), 204), attempt);
        Assert.Empty(await Outbox.ClaimDueAsync("d1", T0.AddDays(1), Lease, 10, Ct));
        Assert.Null(await Outbox.NextDueAtAsync(Ct));
    }

    [Fact]
    public async Task CompleteAttemptAsync_RetryLater_DueAgainAtNextAttempt()
    {
        var job = await CreatedAsync(NewJob());
        var message = NewMessage(job);
        await AddMessagesAsync(job, message);
        await Outbox.ClaimDueAsync("d1", T0, Lease, 10, Ct);
        var retryAt = T0.AddMinutes(5);

        Assert.True(await Outbox.CompleteAttemptAsync(message.Id, "d1", Attempt(message, 1, T0, 503, "503 Service Unavailable"), OutboxState.Pending, retryAt, Ct));

        var entry = Assert.Single(await Outbox.GetMessagesAsync(job.Id, Ct));
        Assert.Equal(OutboxState.Pending, entry.State);
        Assert.Equal(retryAt, entry.NextAttemptAt);
        Assert.Equal("503 Service Unavailable", entry.LastError);
        Assert.Equal(retryAt, await Outbox.NextDueAtAsync(Ct));
        Assert.Empty(await Outbox.ClaimDueAsync("d1", retryAt.AddMilliseconds(-1), Lease, 10, Ct));
        var retried = Assert.Single(await Outbox.ClaimDueAsync("d1", retryAt, Lease, 10, Ct));
        Assert.Equal(1, retried.Attempts);
    }

    [Fact]
    public async Task CompleteAttemptAsync_AttemptsLogged_OldestFirstAcrossRetries()
    {
        var job = await CreatedAsync(NewJob());
        var message = NewMessage(job);
        await AddMessagesAsync(job, message);
        await Outbox.ClaimDueAsync("d1", T0, Lease, 10, Ct);
        await Outbox.CompleteAttemptAsync(message.Id, "d1", Attempt(message, 1, T0, null, "timeout"), OutboxState.Pending, T0.AddMinutes(1), Ct);
        await Outbox.ClaimDueAsync("d1", T0.AddMinutes(1), Lease, 10, Ct);
        await Outbox.CompleteAttemptAsync(message.Id, "d1", Attempt(message, 2, T0.AddMinutes(1), 410), OutboxState.Failed, null, Ct);

        var attempts = await Outbox.GetAttemptsAsync(job.Id, Ct);

        Assert.Equal([1, 2], attempts.Select(a => a.Attempt));
        Assert.Null(attempts[0].StatusCode);
        Assert.Equal("timeout", attempts[0].Error);
        Assert.Equal(410, attempts[1].StatusCode);
        Assert.Equal(OutboxState.Failed, Assert.Single(await Outbox.GetMessagesAsync(job.Id, Ct)).State);
    }

    [Fact]
    public async Task CompleteAttemptAsync_NotLeaseOwner_ReturnsFalseAndLogsNothing()
    {
        var job = await CreatedAsync(NewJob());
        var message = NewMessage(job);
        await AddMessagesAsync(job, message);
        await Outbox.ClaimDueAsync("d1", T0, Lease, 10, Ct);

        var completed = await Outbox.CompleteAttemptAsync(message.Id, "d2", Attempt(message, 1, T0, 200), OutboxState.Delivered, null, Ct);

        Assert.False(completed);
        Assert.Empty(await Outbox.GetAttemptsAsync(job.Id, Ct));
        Assert.Equal(OutboxState.Pending, Assert.Single(await Outbox.GetMessagesAsync(job.Id, Ct)).State);
    }

    [Fact]
    public async Task OutboxClaimDueAsync_LeaseExpired_RedeliveredAndOldOwnerFenced()
    {
        var job = await CreatedAsync(NewJob());
        var message = NewMessage(job);
        await AddMessagesAsync(job, message);
        await Outbox.ClaimDueAsync("d1", T0, Lease, 10, Ct);

        var redelivered = Assert.Single(await Outbox.ClaimDueAsync("d2", T0 + Lease + TimeSpan.FromSeconds(1), Lease, 10, Ct));

        Assert.Equal(message.Id, redelivered.Message.Id);
        Assert.False(await Outbox.CompleteAttemptAsync(message.Id, "d1", Attempt(message, 1, T0, 200), OutboxState.Delivered, null, Ct));
        Assert.True(await Outbox.CompleteAttemptAsync(message.Id, "d2", Attempt(message, 1, T0, 200), OutboxState.Delivered, null, Ct));
    }

    [Fact]
    public async Task OutboxNextDueAtAsync_PendingMessages_ReturnsEarliest()
    {
        Assert.Null(await Outbox.NextDueAtAsync(Ct));
        var job = await CreatedAsync(NewJob());
        await AddMessagesAsync(job, NewMessage(job, at: T0.AddSeconds(9)), NewMessage(job, at: T0.AddSeconds(4)));

        Assert.Equal(T0.AddSeconds(4), await Outbox.NextDueAtAsync(Ct));
    }

    [Fact]
    public async Task GetMessagesAsync_OtherJobsMessages_NotIncluded()
    {
        var job = await CreatedAsync(NewJob());
        var other = await CreatedAsync(NewJob());
        var mine = NewMessage(job);
        await AddMessagesAsync(job, mine);
        await AddMessagesAsync(other, NewMessage(other));

        var entry = Assert.Single(await Outbox.GetMessagesAsync(job.Id, Ct));
        Assert.Equal(mine.Id, entry.Message.Id);
    }

    [Fact]
    public async Task GetFailingAsync_MixedStates_ListsFailedAndRetryingNewestFirst()
    {
        var job = await CreatedAsync(NewJob());
        var failed = NewMessage(job, at: T0.AddSeconds(1));
        var retrying = NewMessage(job, at: T0.AddSeconds(2));
        var delivered = NewMessage(job, at: T0.AddSeconds(3));
        var untried = NewMessage(job, at: T0.AddSeconds(4));
        await AddMessagesAsync(job, failed, retrying, delivered, untried);
        await Outbox.ClaimDueAsync("d1", T0.AddSeconds(3), Lease, 10, Ct);
        await Outbox.CompleteAttemptAsync(failed.Id, "d1", Attempt(failed, 1, T0.AddSeconds(5), 410), OutboxState.Failed, null, Ct);
        await Outbox.CompleteAttemptAsync(retrying.Id, "d1", Attempt(retrying, 1, T0.AddSeconds(5), null, "connect timeout"), OutboxState.Pending, T0.AddMinutes(1), Ct);
        await Outbox.CompleteAttemptAsync(delivered.Id, "d1", Attempt(delivered, 1, T0.AddSeconds(5), 204), OutboxState.Delivered, null, Ct);

        var failing = await Outbox.GetFailingAsync(10, Ct);

        Assert.Equal([retrying.Id, failed.Id], failing.Select(e => e.Message.Id));
        Assert.Equal("connect timeout", failing[0].LastError);
        Assert.Equal(410, failing[1].LastStatusCode);
        Assert.Equal(OutboxState.Failed, failing[1].State);
    }

    [Fact]
    public async Task GetFailingAsync_RedeliveredAfterSuccess_IsNotListed()
    {
        var job = await CreatedAsync(NewJob());
        var message = NewMessage(job);
        await AddMessagesAsync(job, message);
        await Outbox.ClaimDueAsync("d1", T0, Lease, 10, Ct);
        await Outbox.CompleteAttemptAsync(message.Id, "d1", Attempt(message, 1, T0.AddSeconds(1), 200), OutboxState.Delivered, null, Ct);
        await Outbox.RedeliverAsync(message.Id, T0.AddMinutes(1), Ct);

        Assert.Empty(await Outbox.GetFailingAsync(10, Ct));
    }

    [Fact]
    public async Task GetFailingAsync_MoreThanMax_ReturnsTheNewestMax()
    {
        var job = await CreatedAsync(NewJob());
        var messages = Enumerable.Range(1, 3).Select(i => NewMessage(job, at: T0.AddSeconds(i))).ToArray();
        await AddMessagesAsync(job, messages);
        await Outbox.ClaimDueAsync("d1", T0.AddSeconds(3), Lease, 10, Ct);
        foreach (var m in messages)
            await Outbox.CompleteAttemptAsync(m.Id, "d1", Attempt(m, 1, T0.AddSeconds(5), 500), OutboxState.Failed, null, Ct);

        Assert.Equal([messages[2].Id, messages[1].Id], (await Outbox.GetFailingAsync(2, Ct)).Select(e => e.Message.Id));
    }
}
