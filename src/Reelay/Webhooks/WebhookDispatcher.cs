using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reelay.Accounts;
using Reelay.Hosting;
using Reelay.Security;
using Reelay.Storage;

namespace Reelay.Webhooks;

/// <summary>
/// Delivers the webhook outbox. Messages are leased (so any node may send, and a dead node's messages come back
/// when the lease expires), POSTed with Standard Webhooks signatures, and every attempt is recorded with the
/// message's next state: at least once, deduplicated by receivers on <c>webhook-id</c>.
/// Wakes on <see cref="WebhookSignal"/> for immediate delivery; otherwise polls at the next due time, at most
/// <see cref="WebhookOptions.IdleInterval"/> apart.
/// </summary>
public sealed partial class WebhookDispatcher : BackgroundService
{
    private const int SnippetBytes = 1024;

    private readonly IWebhookOutbox _outbox;
    private readonly IKeyStore _keys;
    private readonly KeySecrets _secrets;
    private readonly WebhookSignal _signal;
    private readonly WebhookRetrySchedule _schedule;
    private readonly NodeIdentity _node;
    private readonly WebhookOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<Guid, CachedGeneration> _generations = new();

    public WebhookDispatcher(
        IWebhookOutbox outbox,
        IKeyStore keys,
        KeySecrets secrets,
        WebhookSignal signal,
        WebhookRetrySchedule schedule,
        NodeIdentity node,
        IOptions<WebhookOptions> options,
        TimeProvider time,
        ILogger<WebhookDispatcher> logger)
    {
        _outbox = outbox;
        _keys = keys;
        _secrets = secrets;
        _signal = signal;
        _schedule = schedule;
        _node = node;
        _options = options.Value;
        _options.Validate();
        _time = time;
        _logger = logger;
        _slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);

        var handler = SsrfGuard.CreateHandler(_options.ToOutboundPolicy(), _options.Timeout);
        // A redirect would turn the POST into a GET to wherever the receiver points; treat it as a failed attempt.
        handler.AllowAutoRedirect = false;
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Reelay-Webhooks/1");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        WebhookLog.Started(_logger, _node.Id, _options.MaxConcurrency);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                var free = 1;
                while (free < _options.MaxConcurrency && _slots.Wait(0)) free++;

                var due = await ClaimAsync(free, stoppingToken).ConfigureAwait(false);
                foreach (var entry in due) _ = DeliverAndReleaseAsync(entry);
                if (free > due.Count) _slots.Release(free - due.Count);

                // A full batch means more may be due: claim again as soon as a slot frees.
                if (due.Count >= free) continue;
                await WaitForWorkAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Graceful stop: claim nothing more, and let deliveries in flight (each bounded by the timeout) finish and
        // be recorded, so a restart does not resend them.
        for (var i = 0; i < _options.MaxConcurrency; i++) await _slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        _slots.Release(_options.MaxConcurrency);
        WebhookLog.Stopped(_logger);
    }

    public override void Dispose()
    {
        base.Dispose();
        _http.Dispose();
    }

    private async Task<IReadOnlyList<OutboxEntry>> ClaimAsync(int max, CancellationToken ct)
    {
        try
        {
            return await _outbox.ClaimDueAsync(_node.Id, _time.GetUtcNow(), _options.LeaseDuration, max, ct).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _slots.Release(max);
            ct.ThrowIfCancellationRequested();
            WebhookLog.ClaimFailed(_logger, ex);
            await Task.Delay(_options.IdleInterval, _time, ct).ConfigureAwait(false);
            return [];
        }
    }

    /// <summary>Sleeps until a kick, the next due message, or the idle interval, whichever comes first.</summary>
    private async Task WaitForWorkAsync(CancellationToken ct)
    {
        // New messages were committed meanwhile: poll again at once, without asking when the next one is due.
        if (_signal.TryConsume()) return;
        var delay = _options.IdleInterval;
        try
        {
            if (await _outbox.NextDueAtAsync(ct).ConfigureAwait(false) is { } next)
            {
                var untilDue = next - _time.GetUtcNow();
                if (untilDue < delay) delay = untilDue;
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            WebhookLog.NextDueFailed(_logger, ex);
        }
        if (delay <= TimeSpan.Zero) return;

        using var wake = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var kicked = _signal.WaitAsync(wake.Token);
        var elapsed = Task.Delay(delay, _time, wake.Token);
        await Task.WhenAny(kicked, elapsed).ConfigureAwait(false);
        await wake.CancelAsync().ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
    }

    private async Task DeliverAndReleaseAsync(OutboxEntry entry)
    {
        try
        {
            await DeliverAsync(entry).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            WebhookLog.DeliveryCrashed(_logger, entry.Message.Id, ex);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task DeliverAsync(OutboxEntry entry)
    {
        var message = entry.Message;
        var attemptNumber = entry.Attempts + 1;
        var at = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        var result = await SendAsync(message, at).ConfigureAwait(false);
        var durationMs = (int)Math.Min(int.MaxValue, _time.GetElapsedTime(started).TotalMilliseconds);

        var now = _time.GetUtcNow();
        var (state, next) = result switch
        {
            { Permanent: true } => (OutboxState.Failed, null),
            { StatusCode: >= 200 and < 300 } => (OutboxState.Delivered, null),
            { StatusCode: 410 } => (OutboxState.Failed, null),
            _ => _schedule.NextAttemptAt(attemptNumber, now, result.RetryAfter) is { } due
                ? (OutboxState.Pending, due)
                : (OutboxState.Failed, (DateTimeOffset?)null),
        };

        var attempt = new DeliveryAttempt(message.Id, message.JobId, attemptNumber, at, result.StatusCode, result.Error, durationMs, result.Snippet);
        // Not cancelable by shutdown: an attempt that was made must be recorded, or a restart sends it again.
        if (!await _outbox.CompleteAttemptAsync(message.Id, _node.Id, attempt, state, next, CancellationToken.None).ConfigureAwait(false))
        {
            WebhookLog.LeaseLost(_logger, message.Id);
            return;
        }
        switch (state)
        {
            case OutboxState.Delivered:
                WebhookLog.Delivered(_logger, message.Id, message.EventType, attemptNumber, result.StatusCode, durationMs);
                break;
            case OutboxState.Pending:
                WebhookLog.WillRetry(_logger, message.Id, attemptNumber, result.StatusCode, result.Error, next!.Value);
                break;
            default:
                WebhookLog.GaveUp(_logger, message.Id, attemptNumber, result.StatusCode, result.Error);
                break;
        }
    }

    private async ValueTask<CachedGeneration> GetGenerationAsync(Guid keyId)
    {
        var now = _time.GetUtcNow();
        if (_generations.TryGetValue(keyId, out var cached) && cached.ExpiresAt > now) return cached;
        // A deleted key still gets its jobs' webhooks, signed with the first generation.
        var key = await _keys.GetAsync(keyId, CancellationToken.None).ConfigureAwait(false);
        var fresh = new CachedGeneration(key?.WebhookSecretGeneration ?? 1, key?.WebhookSecretRotatedAt, now + _options.KeyCacheDuration);
        _generations[keyId] = fresh;
        return fresh;
    }

    private readonly record struct CachedGeneration(int Generation, DateTimeOffset? RotatedAt, DateTimeOffset ExpiresAt);
}
