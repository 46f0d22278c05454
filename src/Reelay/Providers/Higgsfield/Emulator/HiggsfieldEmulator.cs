using Reelay.Jobs;
using Reelay.Emulation;
using Reelay.Media;

namespace Reelay.Providers.Higgsfield.Emulator;

/// <summary>
/// A wire-faithful fake of Higgsfield's platform API (docs/dialects.md §2) for tests, benchmarks and offline work: its own
/// small Kestrel server with one <c>hf-api-key</c>/<c>hf-secret</c> account, in-memory job sets whose status follows
/// a timeline fixed at creation (queued → in_progress → completed | failed | nsfw), a real MP4 result behind
/// expiring signed URLs, and configurable faults. Like the real API, it assigns job set ids itself.
/// </summary>
public sealed class HiggsfieldEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HiggsfieldEmulatorApi _api;
    private readonly EmulatorWebhookLoop _webhooks;
    private readonly TimeProvider _time;

    private HiggsfieldEmulator(WebApplication app, HiggsfieldEmulatorApi api, EmulatorWebhookLoop webhooks, TimeProvider time, HiggsfieldEmulatorOptions options, Uri baseAddress)
    {
        _app = app;
        _api = api;
        _webhooks = webhooks;
        _time = time;
        Options = options;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the emulator listens, e.g. <c>http://127.0.0.1:49152/</c>; use it as the upstream base URL.</summary>
    public Uri BaseAddress { get; }

    public HiggsfieldEmulatorOptions Options { get; }

    /// <summary>Job sets created (each one the real API would charge for).</summary>
    public int TotalCreates => _api.Created;

    /// <summary>Authenticated generate requests, whatever their outcome.</summary>
    public int CreateRequests => _api.CreateRequests;

    /// <summary>The requests of the created job sets, in creation order, as Reelay's Higgsfield reader understands them.</summary>
    public IReadOnlyList<VideoRequest> Received => _api.Received;

    /// <summary>Authenticated reads of one job set.</summary>
    public int StatusCallsFor(string jobSetId) => _api.Find(jobSetId)?.StatusCalls ?? 0;

    /// <summary>Authenticated job-set reads, found or not.</summary>
    public int TotalStatusCalls => _api.StatusCalls;

    /// <summary>Job sets not yet terminal.</summary>
    public int InFlight => _api.InFlight(_time.GetUtcNow());

    /// <summary>Webhooks delivered (any HTTP answer) and webhooks that could not be delivered.</summary>
    public int WebhooksSent => _webhooks.Sent;
    public int WebhooksFailed => _webhooks.Failed;

    /// <summary>Scans of pending webhooks done so far (one per scan interval of the emulator's clock): a test waits on it instead of sleeping.</summary>
    public int WebhookScans => _webhooks.Scans;

    /// <summary>Webhooks scheduled and not yet due at the last scan.</summary>
    public int WebhooksPending => _webhooks.Pending;

    /// <summary>Webhooks ever scheduled (one per task end at most, none under the callbacks-never-come fault).</summary>
    public int WebhooksScheduled => _webhooks.Scheduled;

    /// <summary>
    /// Starts an emulator on <paramref name="url"/> (port 0 picks a free one). <paramref name="time"/> drives every timeline
    /// and URL expiry (tests pass a manual clock); <paramref name="catalog"/> supplies model rules (shipped models.json by default).
    /// </summary>
    public static async Task<HiggsfieldEmulator> StartAsync(string url, HiggsfieldEmulatorOptions? options = null, TimeProvider? time = null,
        ModelCatalog? catalog = null, CancellationToken ct = default)
    {
        options ??= new HiggsfieldEmulatorOptions();
        if (options.TimeCompression <= 0) throw new ArgumentOutOfRangeException(nameof(options), "TimeCompression must be positive");
        time ??= TimeProvider.System;
        catalog ??= ModelCatalog.LoadDefault();

        var video = EmulatorVideo.OfSize(options.ResultVideoSize);
        var webhooks = new EmulatorWebhookLoop(time, options.WebhookScanInterval, maxConcurrent: 64);
        var api = new HiggsfieldEmulatorApi(options, time, video, catalog, new FaultInjector(options.Faults), webhooks);
        var (app, baseAddress) = await EmulatorHost.StartAsync(url, options.ConsoleLogging, api.Map, ct).ConfigureAwait(false);
        api.BaseUrl = EmulatorHost.LinkBase(baseAddress);
        webhooks.Start(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Reelay.Providers.Higgsfield.Emulator"));
        return new HiggsfieldEmulator(app, api, webhooks, time, options, baseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await _webhooks.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
