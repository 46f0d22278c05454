using Reelay.Jobs;
using Reelay.Emulation;
using Reelay.Media;

namespace Reelay.Providers.HyprLab.Emulator;

/// <summary>
/// A wire-faithful fake of HyprLab's video API (docs/dialects.md §4) for tests, benchmarks and offline work: its own
/// small Kestrel server with one bearer key, in-memory generations whose status follows a timeline fixed at submit
/// time, server-generated ids behind absolute polling URLs, real MP4 results behind expiring signed URLs, and fault
/// injection (create 5xx/429/quota, failed and content-rejected generations). HyprLab sends no callbacks.
/// </summary>
public sealed class HyprLabEmulator : EmulatorServer
{
    private readonly HyprLabEmulatorApi _api;

    private HyprLabEmulator(Started started, HyprLabEmulatorApi api, HyprLabEmulatorOptions options) : base(started)
    {
        _api = api;
        Options = options;
    }

    public HyprLabEmulatorOptions Options { get; }

    /// <summary>Every generation's request as the emulator read it (canonical form), oldest first; the HyprLab model name is <c>hyprlab.model</c>.</summary>
    public IReadOnlyList<VideoRequest> CreatedRequests => [.. _api.All().Select(g => g.Request)];

    /// <summary>
    /// Starts an emulator on <paramref name="url"/> (port 0 picks a free one). <paramref name="time"/> drives every
    /// timeline and URL expiry (tests pass a manual clock); <paramref name="catalog"/> supplies model rules.
    /// </summary>
    public static async Task<HyprLabEmulator> StartAsync(string url, HyprLabEmulatorOptions? options = null, TimeProvider? time = null,
        ModelCatalog? catalog = null, CancellationToken ct = default)
    {
        options ??= new HyprLabEmulatorOptions();
        var video = EmulatorVideo.OfSize(options.ResultVideoSize);
        var resolvedCatalog = catalog ?? ModelCatalog.LoadDefault();
        var (started, api) = await StartServerAsync(url, options, time, webhooks: null,
            (clock, _) => new HyprLabEmulatorApi(options, clock, video, resolvedCatalog, new FaultInjector(options.Faults)),
            "Reelay.Providers.HyprLab.Emulator", ct).ConfigureAwait(false);
        return new HyprLabEmulator(started, api, options);
    }
}
