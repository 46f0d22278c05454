using Reelay.Jobs;
using Reelay.Emulation;
using Reelay.Media;

namespace Reelay.Providers.Highway.Emulator;

/// <summary>
/// A wire-faithful fake of Highway's async API (docs/dialects.md §3, Novita's layout) for tests, benchmarks and offline work:
/// its own small Kestrel server with one Bearer key, in-memory tasks whose status, eta and progress_percent follow a
/// timeline fixed at creation (QUEUED → PROCESSING → SUCCEED | FAILED), a real MP4 result behind expiring signed URLs,
/// and configurable faults. Like the real API, it assigns task ids itself.
/// </summary>
public sealed class HighwayEmulator : WebhookEmulatorServer
{
    private readonly HighwayEmulatorApi _api;

    private HighwayEmulator(Started started, HighwayEmulatorApi api, HighwayEmulatorOptions options) : base(started)
    {
        _api = api;
        Options = options;
    }

    public HighwayEmulatorOptions Options { get; }

    /// <summary>The requests of the created tasks, in creation order, as Reelay's Highway reader understands them.</summary>
    public IReadOnlyList<VideoRequest> Received => _api.Received;

    /// <summary>
    /// Starts an emulator on <paramref name="url"/> (port 0 picks a free one). <paramref name="time"/> drives every timeline
    /// and URL expiry (tests pass a manual clock); <paramref name="catalog"/> supplies model rules (shipped models.json by default).
    /// </summary>
    public static async Task<HighwayEmulator> StartAsync(string url, HighwayEmulatorOptions? options = null, TimeProvider? time = null,
        ModelCatalog? catalog = null, CancellationToken ct = default)
    {
        options ??= new HighwayEmulatorOptions();
        var video = EmulatorVideo.OfSize(options.ResultVideoSize);
        var resolvedCatalog = catalog ?? ModelCatalog.LoadDefault();
        var (started, api) = await StartServerAsync(url, options, time, new WebhookSettings(options.WebhookScanInterval, 64),
            (clock, webhooks) => new HighwayEmulatorApi(options, clock, video, resolvedCatalog, new FaultInjector(options.Faults), webhooks!),
            "Reelay.Providers.Highway.Emulator", ct).ConfigureAwait(false);
        return new HighwayEmulator(started, api, options);
    }
}
