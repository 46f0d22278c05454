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
public sealed class ApiFrameEmulator : WebhookEmulatorServer
{
    private readonly ApiFrameEmulatorApi _api;
    private readonly TimedTaskBook<ApiFrameEmulatedTask> _book;

    private ApiFrameEmulator(Started started, ApiFrameEmulatorApi api, TimedTaskBook<ApiFrameEmulatedTask> book, ApiFrameEmulatorOptions options) : base(started)
    {
        _api = api;
        _book = book;
        Options = options;
    }

    public ApiFrameEmulatorOptions Options { get; }

    /// <summary>The create body of every task, oldest first (what the client sent, as the emulator read it).</summary>
    public IReadOnlyList<ApiFrameImagineRequest> CreatedRequests => [.. _book.All().Select(t => t.Request)];

    /// <summary>
    /// Starts an emulator on <paramref name="url"/> (port 0 picks a free one). <paramref name="time"/> drives every
    /// timeline, URL expiry and the webhook loop (tests pass a manual clock); the system clock by default.
    /// </summary>
    public static async Task<ApiFrameEmulator> StartAsync(string url, ApiFrameEmulatorOptions? options = null, TimeProvider? time = null,
        CancellationToken ct = default)
    {
        options ??= new ApiFrameEmulatorOptions();
        var book = new TimedTaskBook<ApiFrameEmulatedTask>();
        var video = EmulatorVideo.OfSize(options.ResultVideoSize);
        var (started, api) = await StartServerAsync(url, options, time, new WebhookSettings(options.WebhookScanInterval, 64),
            (clock, webhooks) => new ApiFrameEmulatorApi(options, clock, book, video, new FaultInjector(options.Faults), webhooks!),
            "Reelay.Providers.ApiFrame.Emulator", ct).ConfigureAwait(false);
        return new ApiFrameEmulator(started, api, book, options);
    }
}
