using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Reelay.Providers.ApiFrame.Contract;

namespace Reelay.Providers.ApiFrame.Emulator;

/// <summary>
/// The one background loop that sends APIFrame webhooks: the fetch body of the task as it stood when it started
/// processing and when it ended, POSTed to its <c>webhook_url</c> with <c>x-webhook-secret</c>. One attempt each.
/// </summary>
internal sealed partial class ApiFrameWebhookLoop(ApiFrameEmulatorBook book, ApiFrameEmulatorOptions options, TimeProvider time,
    Func<ApiFrameEmulatedTask, string> resultUrl, ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private Task? _loop;
    private int _sent;
    private int _failed;

    public int Sent => Volatile.Read(ref _sent);
    public int Failed => Volatile.Read(ref _failed);

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.WebhookScanInterval, time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            foreach (var calls in book.TakeDueWebhooks(time.GetUtcNow()).GroupBy(d => d.Task))
                _ = SendInOrderAsync(calls, ct);
        }
    }

    private async Task SendInOrderAsync(IEnumerable<(ApiFrameEmulatedTask Task, DateTimeOffset At)> calls, CancellationToken ct)
    {
        foreach (var (task, at) in calls.OrderBy(c => c.At)) await SendAsync(task, at, ct).ConfigureAwait(false);
    }

    private async Task SendAsync(ApiFrameEmulatedTask task, DateTimeOffset at, CancellationToken ct)
    {
        try
        {
            using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(task.At(at, resultUrl), ApiFrameJsonContext.Default.ApiFrameTask));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, task.Request.WebhookUrl) { Content = content };
            if (!string.IsNullOrEmpty(task.Request.WebhookSecret))
                request.Headers.TryAddWithoutValidation(ApiFrameValues.WebhookSecretHeader, task.Request.WebhookSecret);
            using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
            Interlocked.Increment(ref _sent);
            if (!response.IsSuccessStatusCode) LogRefused(logger, task.TaskId, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            Interlocked.Increment(ref _failed);
            if (!ct.IsCancellationRequested) LogUnreachable(logger, task.TaskId, ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
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
