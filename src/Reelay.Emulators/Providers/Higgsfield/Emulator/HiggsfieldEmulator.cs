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
public sealed class HiggsfieldEmulator : WebhookEmulatorServer
{
    private readonly HiggsfieldEmulatorApi _api;

    private HiggsfieldEmulator(Started started, HiggsfieldEmulatorApi api, HiggsfieldEmulatorOptions options) : base(started)
    {
        _api = api;
        Options = options;
    }

    public HiggsfieldEmulatorOptions Options { get; }

    /// <summary>The requests of the created job sets, in creation order, as Reelay's Higgsfield reader understands them.</summary>
    public IReadOnlyList<VideoRequest> Received => _api.Received;

    /// <summary>
    /// Starts an emulator on <paramref name="url"/> (port 0 picks a free one). <paramref name="time"/> drives every timeline
    /// and URL expiry (tests pass a manual clock); <paramref name="catalog"/> supplies model rules (shipped models.json by default).
    /// </summary>
    public static async Task<HiggsfieldEmulator> StartAsync(string url, HiggsfieldEmulatorOptions? options = null, TimeProvider? time = null,
        ModelCatalog? catalog = null, CancellationToken ct = default)
    {
        options ??= new HiggsfieldEmulatorOptions();
        var video = EmulatorVideo.OfSize(options.ResultVideoSize);
        var resolvedCatalog = catalog ?? ModelCatalog.LoadDefault();
        var (started, api) = await StartServerAsync(url, options, time, new WebhookSettings(options.WebhookScanInterval, 64),
            (clock, webhooks) => new HiggsfieldEmulatorApi(options, clock, video, resolvedCatalog, new FaultInjector(options.Faults), webhooks!),
            "Reelay.Providers.Higgsfield.Emulator", ct).ConfigureAwait(false);
        return new HiggsfieldEmulator(started, api, options);
    }
}
