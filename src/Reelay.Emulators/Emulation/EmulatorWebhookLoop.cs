using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Reelay.Emulation;

/// <summary>
/// The one background loop of an emulator that sends its callbacks/webhooks: pending ones wait in a heap ordered by
/// due time (so scheduling and the scan cost O(log n) per webhook at any number in flight); every
/// <c>scanInterval</c> of the emulator's clock the due ones are POSTed, one task's in due order, at most
/// <c>maxConcurrent</c> at once. One attempt each: the emulated providers document no retries worth modelling, and a
/// lost webhook is exactly what a polling client must survive.
/// </summary>
internal sealed partial class EmulatorWebhookLoop(TimeProvider time, TimeSpan scanInterval, int maxConcurrent) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<EmulatorWebhook, DateTimeOffset> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly SemaphoreSlim _sending = new(Math.Max(1, maxConcurrent));
    private ILogger _logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    private Task? _loop;
    private int _sent;
    private int _failed;
    private int _scans;
    private int _scheduled;
    private int _disposed;

    /// <summary>Webhooks delivered (any HTTP answer).</summary>
    public int Sent => Volatile.Read(ref _sent);

    /// <summary>Webhooks that could not be delivered (no connection, timeout, bad URL).</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Scans of the pending webhooks completed so far (each takes what is due and starts sending it).</summary>
    public int Scans => Volatile.Read(ref _scans);

    /// <summary>Webhooks scheduled and not yet due at the last scan.</summary>
    public int Pending
    {
        get { lock (_lock) return _pending.Count; }
    }

    /// <summary>Webhooks ever scheduled.</summary>
    public int Scheduled => Volatile.Read(ref _scheduled);

    public void Schedule(EmulatorWebhook webhook)
    {
        Interlocked.Increment(ref _scheduled);
        lock (_lock) _pending.Enqueue(webhook, webhook.DueAt);
    }

    public void Start(ILogger logger)
    {
        _logger = logger;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(scanInterval, time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            foreach (var calls in TakeDue(time.GetUtcNow()).GroupBy(w => w.TaskId, StringComparer.Ordinal))
                _ = SendInOrderAsync(calls, ct);
            Interlocked.Increment(ref _scans);
        }
    }

    private List<EmulatorWebhook> TakeDue(DateTimeOffset now)
    {
        var due = new List<EmulatorWebhook>();
        lock (_lock)
        {
            while (_pending.TryPeek(out var webhook, out var at) && at <= now)
            {
                _pending.Dequeue();
                due.Add(webhook);
            }
        }
        return due;
    }

    // A task's webhooks that fell due in the same scan go out in order (e.g. processing before succeeded).
    private async Task SendInOrderAsync(IEnumerable<EmulatorWebhook> calls, CancellationToken ct)
    {
        foreach (var webhook in calls.OrderBy(w => w.DueAt)) await SendAsync(webhook, ct).ConfigureAwait(false);
    }

    private async Task SendAsync(EmulatorWebhook webhook, CancellationToken ct)
    {
        try
        {
            await _sending.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        try
        {
            using var content = new ByteArrayContent(webhook.Body());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = content };
            foreach (var (name, value) in webhook.Headers ?? new Dictionary<string, string>())
                request.Headers.TryAddWithoutValidation(name, value);
            using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
            Interlocked.Increment(ref _sent);
            if (!response.IsSuccessStatusCode) LogRefused(_logger, webhook.TaskId, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or InvalidOperationException or UriFormatException)
        {
            Interlocked.Increment(ref _failed);
            if (!ct.IsCancellationRequested) LogUnreachable(_logger, webhook.TaskId, ex.Message);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Stops the loop; webhooks not yet sent are dropped. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null) await _loop.ConfigureAwait(false);
        _http.Dispose();
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook for task {TaskId} answered HTTP {Status}")]
    private static partial void LogRefused(ILogger logger, string taskId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook for task {TaskId} could not be delivered: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string taskId, string reason);
}
