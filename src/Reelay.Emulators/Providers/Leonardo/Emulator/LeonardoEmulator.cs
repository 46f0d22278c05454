using Reelay.Emulation;
using Reelay.Media;


namespace Reelay.Providers.Leonardo.Emulator;

/// <summary>
/// A wire-faithful fake of Leonardo.ai's video API (docs/dialects.md §5) for tests, benchmarks and offline work: its own
/// small Kestrel server with one bearer key, the init-image flow (a presigned form pointing at the emulator's own
/// upload route, signed and expiring after <see cref="LeonardoEmulatorOptions.UploadFormLifetime"/>), in-memory
/// generations whose status follows a timeline fixed at creation (PENDING → COMPLETE | FAILED), a real MP4 result
/// behind expiring signed URLs, and configurable faults. Like the real API, it assigns generation ids itself.
/// </summary>
public sealed class LeonardoEmulator : EmulatorServer
{
    private readonly LeonardoEmulatorApi _api;

    private LeonardoEmulator(Started started, LeonardoEmulatorApi api, LeonardoEmulatorOptions options) : base(started)
    {
        _api = api;
        Options = options;
    }

    public LeonardoEmulatorOptions Options { get; }

    /// <summary>Upload forms issued by <c>POST /init-image</c>.</summary>
    public int InitImageRequests => _api.InitImages;

    /// <summary>Images uploaded through an issued form (accepted uploads only).</summary>
    public int TotalUploads => _api.Uploads;

    /// <summary>The created generations' requests, in creation order, as Reelay's Leonardo reader understands them.</summary>
    public IReadOnlyList<LeonardoParsedRequest> Received => _api.Received;

    /// <summary>The bytes uploaded for init image <paramref name="imageId"/>, or null when none arrived.</summary>
    public byte[]? UploadedImage(string imageId) => _api.UploadedBytes(imageId);

    /// <summary>
    /// Starts an emulator on <paramref name="url"/> (port 0 picks a free one). <paramref name="time"/> drives every
    /// timeline, form and URL expiry (tests pass a manual clock).
    /// </summary>
    public static async Task<LeonardoEmulator> StartAsync(string url, LeonardoEmulatorOptions? options = null, TimeProvider? time = null, CancellationToken ct = default)
    {
        options ??= new LeonardoEmulatorOptions();
        var video = EmulatorVideo.OfSize(options.ResultVideoSize);
        var (started, api) = await StartServerAsync(url, options, time, webhooks: null,
            (clock, _) => new LeonardoEmulatorApi(options, clock, video, new FaultInjector(options.Faults)),
            "Reelay.Providers.Leonardo.Emulator", ct).ConfigureAwait(false);
        return new LeonardoEmulator(started, api, options);
    }
}
