using Reelay.Emulation;
using Reelay.Jobs;
using Reelay.Media;
using Reelay.Security;

namespace Reelay.Providers.Kling.Emulator;

/// <summary>
/// A wire-faithful fake of the official Kling video API (docs/dialects.md §1) for tests, benchmarks and offline
/// integration work: its own small Kestrel server with one account, in-memory tasks whose status follows a
/// timeline fixed at submit time, real MP4 results behind expiring signed URLs, callbacks from one background
/// loop, Kling's concurrency slots, and configurable fault injection. Independent of Reelay's job store.
/// </summary>
public sealed class KlingEmulator : WebhookEmulatorServer
{
    private readonly EmulatorApi _api;
    private readonly EmulatorTaskBook _book;

    private KlingEmulator(Started started, EmulatorApi api, EmulatorTaskBook book, KlingEmulatorOptions options) : base(started)
    {
        _api = api;
        _book = book;
        Options = options;
    }

    public KlingEmulatorOptions Options { get; }

    /// <summary>Create requests carrying this external_task_id that reached task creation: created, or refused as a reuse (1201).</summary>
    public int SubmissionsFor(string externalTaskId) => _book.SubmissionsFor(externalTaskId);

    /// <summary>Every task created so far with its timeline and status-call count (a snapshot).</summary>
    public IReadOnlyList<EmulatedTaskTimeline> Timelines() => _book.Timelines();

    /// <summary>Task-list pages served (<c>GET /v1/videos/{kind}?pageNum&amp;pageSize</c>), each one call.</summary>
    public int ListCalls => _api.ListCalls;

    /// <summary>Result downloads answered with the video (signature and expiry valid, task succeeded).</summary>
    public int ResultDownloads => _api.ResultDownloads;

    /// <summary>Callbacks (Kling's word for webhooks) delivered (any HTTP answer) and callbacks that could not be delivered.</summary>
    public int CallbacksSent => WebhooksSent;
    public int CallbacksFailed => WebhooksFailed;

    /// <summary>
    /// Starts an emulator on <paramref name="url"/> (port 0 picks a free one). <paramref name="time"/> drives every
    /// timeline, URL expiry, JWT check and the callback loop (tests pass a manual clock); the system clock by default.
    /// <paramref name="catalog"/> supplies model rules (the shipped models.json by default).
    /// </summary>
    public static async Task<KlingEmulator> StartAsync(string url, KlingEmulatorOptions? options = null, TimeProvider? time = null,
        ModelCatalog? catalog = null, CancellationToken ct = default)
    {
        options ??= new KlingEmulatorOptions();
        var book = new EmulatorTaskBook();
        var video = EmulatorVideo.OfSize(options.ResultVideoSize);
        var resolvedCatalog = catalog ?? ModelCatalog.LoadDefault();
        var (started, api) = await StartServerAsync(url, options, time, new WebhookSettings(options.CallbackScanInterval, options.MaxConcurrentCallbacks),
            (clock, callbacks) => new EmulatorApi(options, clock, book, video, resolvedCatalog, new FaultInjector(options.Faults), callbacks!),
            "Reelay.Providers.Kling.Emulator", ct).ConfigureAwait(false);
        return new KlingEmulator(started, api, book, options);
    }

    /// <summary>A Kling JWT for this emulator's account: <c>exp</c> = now + <paramref name="lifetime"/> (30 min default), <c>nbf</c> = now − 5 s.</summary>
    public string CreateToken(TimeSpan? lifetime = null) =>
        Hs256Jwt.Create(Options.AccessKey ?? "", Options.SecretKey, Time.GetUtcNow(), lifetime ?? TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(5));
}
