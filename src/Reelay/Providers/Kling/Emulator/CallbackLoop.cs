using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Reelay.Providers.Kling.Contract;

namespace Reelay.Providers.Kling.Emulator;

/// <summary>
/// The one background loop that sends callbacks: every <see cref="KlingEmulatorOptions.CallbackScanInterval"/> of
/// the emulator's clock it takes the callbacks that fell due (a heap ordered by due time) and POSTs each bare task
/// object as it stood at that instant. One attempt per status change; Kling documents no retries or signature.
/// </summary>
internal sealed partial class CallbackLoop(EmulatorTaskBook book, KlingEmulatorOptions options, TimeProvider time,
    Func<EmulatedTask, string> resultUrl, ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly SemaphoreSlim _sending = new(Math.Max(1, options.MaxConcurrentCallbacks));
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
                await Task.Delay(options.CallbackScanInterval, time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            // A task's callbacks that fell due in the same scan go out in order (processing before succeed).
            foreach (var calls in book.TakeDueCallbacks(time.GetUtcNow()).GroupBy(d => d.Task))
                _ = SendInOrderAsync(calls, ct);
        }
    }

    private async Task SendInOrderAsync(IEnumerable<(EmulatedTask Task, DateTimeOffset At)> calls, CancellationToken ct)
    {
        foreach (var (task, at) in calls.OrderBy(c => c.At)) await SendAsync(task, at, ct).ConfigureAwait(false);
    }

    private async Task SendAsync(EmulatedTask task, DateTimeOffset at, CancellationToken ct)
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
            var body = JsonSerializer.SerializeToUtf8Bytes(task.At(at, resultUrl), KlingJsonContext.Default.KlingTask);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync(task.CallbackUrl, content, ct).ConfigureAwait(false);
            Interlocked.Increment(ref _sent);
            if (!response.IsSuccessStatusCode) LogRefused(logger, task.TaskId, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            Interlocked.Increment(ref _failed);
            if (!ct.IsCancellationRequested) LogUnreachable(logger, task.TaskId, ex.Message);
        }
        finally
        {
            _sending.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null) await _loop.ConfigureAwait(false);
        _http.Dispose();
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback for task {TaskId} answered HTTP {Status}")]
    private static partial void LogRefused(ILogger logger, string taskId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback for task {TaskId} could not be delivered: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string taskId, string reason);
}
