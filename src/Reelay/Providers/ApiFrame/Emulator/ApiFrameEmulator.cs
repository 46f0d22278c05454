using Reelay.Emulation;
using Reelay.Media;
using Reelay.Providers.ApiFrame.Contract;

namespace Reelay.Providers.ApiFrame.Emulator;

/// <summary>
/// A wire-faithful fake of APIFrame's Kling API (docs/dialects.md §6) for tests, benchmarks and offline work: its own
/// small Kestrel server with one raw API key, in-memory tasks whose status follows a timeline fixed at submit
/// time, server-generated task ids, real MP4 results behind expiring signed URLs, webhooks with
/// <c>x-webhook-secret</c>, and fault injection (create 500/429/timeout, failed and content-rejected tasks).
/// </summary>
public sealed class ApiFrameEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ApiFrameEmulatorApi _api;
    private readonly ApiFrameEmulatorBook _book;
    private readonly EmulatorWebhookLoop _webhooks;
    private readonly CancellationTokenSource _stopping;
    private readonly TimeProvider _time;

    private ApiFrameEmulator(WebApplication app, ApiFrameEmulatorApi api, ApiFrameEmulatorBook book, EmulatorWebhookLoop webhooks,
        CancellationTokenSource stopping, TimeProvider time, ApiFrameEmulatorOptions options, Uri baseAddress)
    {
        _app = app;
        _api = api;
        _book = book;
        _webhooks = webhooks;
        _stopping = stopping;
        _time = time;
        Options = options;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the emulator listens, e.g. <c>http://127.0.0.1:49152/</c>; use it as the APIFrame base URL.</summary>
    public Uri BaseAddress { get; }

    public ApiFrameEmulatorOptions Options { get; }

    /// <summary>Tasks created (each one the real API would charge for).</summary>
    public int TotalCreates => _book.Created;

    /// <summary>Authenticated create requests, whatever their outcome.</summary>
    public int CreateRequests => _api.CreateRequests;

    /// <summary>Authenticated <c>/fetch</c> calls, found or not.</summary>
    public int TotalFetches => _api.Fetches;

    /// <summary><c>/fetch</c> calls answered for one task.</summary>
    public int FetchesFor(string taskId) => _book.Find(taskId)?.Fetches ?? 0;

    /// <summary>Tasks still pending or processing.</summary>
    public int InFlight => _book.InFlight(_time.GetUtcNow());

    /// <summary>The create body of every task, oldest first (what the client sent, as the emulator read it).</summary>
    public IReadOnlyList<ApiFrameImagineRequest> CreatedRequests => [.. _book.All().Select(t => t.Request)];

    /// <summary>Webhooks delivered (any HTTP answer) and webhooks that could not be delivered.</summary>
    public int WebhooksSent => _webhooks.Sent;
    public int WebhooksFailed => _webhooks.Failed;

    /// <summary>
    /// Starts an emulator on <paramref name="url"/> (port 0 picks a free one). <paramref name="time"/> drives every
    /// timeline, URL expiry and the webhook loop (tests pass a manual clock); the system clock by default.
    /// </summary>
    public static async Task<ApiFrameEmulator> StartAsync(string url, ApiFrameEmulatorOptions? options = null, TimeProvider? time = null,
        CancellationToken ct = default)
    {
        options ??= new ApiFrameEmulatorOptions();
        if (options.TimeCompression <= 0) throw new ArgumentOutOfRangeException(nameof(options), "TimeCompression must be positive");
        time ??= TimeProvider.System;

        var stopping = new CancellationTokenSource();
        var book = new ApiFrameEmulatorBook();
        var video = EmulatorVideo.OfSize(options.ResultVideoSize);
        var webhooks = new EmulatorWebhookLoop(time, options.WebhookScanInterval, maxConcurrent: 64);
        var api = new ApiFrameEmulatorApi(options, time, book, video, new FaultInjector(options.Faults), webhooks);
        var (app, baseAddress) = await EmulatorHost.StartAsync(url, options.ConsoleLogging, api.Map, ct).ConfigureAwait(false);
        api.BaseUrl = EmulatorHost.LinkBase(baseAddress);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Reelay.Providers.ApiFrame.Emulator");
        webhooks.Start(logger);
        return new ApiFrameEmulator(app, api, book, webhooks, stopping, time, options, baseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _webhooks.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
