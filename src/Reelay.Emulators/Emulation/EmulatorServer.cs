namespace Reelay.Emulation;

/// <summary>
/// What every provider emulator runs on: a small Kestrel server (<see cref="EmulatorHost"/>), the provider's routes
/// (<see cref="IEmulatorApi"/>), its timelines' clock and, for providers that send them, one webhook/callback loop.
/// It exposes the counters every emulator keeps (<see cref="IEmulatorCounters"/>); a provider's emulator derives from it
/// and adds only its own counters and helpers. Disposing stops the webhook loop first (nothing is sent from a stopping
/// emulator), then the server.
/// </summary>
public abstract class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IEmulatorCounters _counters;

    private protected EmulatorServer(Started started)
    {
        _app = started.App;
        BaseAddress = started.BaseAddress;
        Time = started.Time;
        WebhookLoop = started.Webhooks;
        _counters = started.Counters;
    }

    /// <summary>Tasks created (each one the real API would charge for).</summary>
    public int TotalCreates => _counters.Created;

    /// <summary>Authenticated create requests, whatever their outcome.</summary>
    public int CreateRequests => _counters.CreateRequests;

    /// <summary>Authenticated status reads (queries, polls, fetches), found or not.</summary>
    public int TotalStatusCalls => _counters.StatusCalls;

    /// <summary>Authenticated status reads answered for one task (by the id the emulator assigned).</summary>
    public int StatusCallsFor(string id) => _counters.StatusCallsFor(id);

    /// <summary>Tasks not yet ended.</summary>
    public int InFlight => _counters.InFlight(Time.GetUtcNow());

    /// <summary>Where the emulator listens, e.g. <c>http://127.0.0.1:49152/</c>; use it as the upstream base URL.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The clock every timeline, URL expiry and webhook follows.</summary>
    protected TimeProvider Time { get; }

    /// <summary>The webhook/callback loop; null for a provider that sends none.</summary>
    private protected EmulatorWebhookLoop? WebhookLoop { get; }

    private protected EmulatorWebhookLoop RequiredWebhookLoop =>
        WebhookLoop ?? throw new InvalidOperationException("this emulator sends no webhooks");

    /// <summary>The started server's parts, handed to the derived emulator's constructor.</summary>
    private protected sealed record Started(WebApplication App, Uri BaseAddress, TimeProvider Time, EmulatorWebhookLoop? Webhooks, IEmulatorCounters Counters);

    /// <summary>How the webhook loop of a provider that sends webhooks runs.</summary>
    private protected sealed record WebhookSettings(TimeSpan ScanInterval, int MaxConcurrent);

    /// <summary>
    /// Starts the server on <paramref name="url"/> (port 0 picks a free one) with the API <paramref name="createApi"/> builds
    /// over the clock and the webhook loop (when <paramref name="webhooks"/> asks for one).
    /// </summary>
    private protected static async Task<(Started Started, TApi Api)> StartServerAsync<TApi>(string url, EmulatorOptions options,
        TimeProvider? time, WebhookSettings? webhooks, Func<TimeProvider, EmulatorWebhookLoop?, TApi> createApi, string logCategory, CancellationToken ct)
        where TApi : IEmulatorApi, IEmulatorCounters
    {
        if (options.TimeCompression <= 0) throw new ArgumentOutOfRangeException(nameof(options), "TimeCompression must be positive");
        time ??= TimeProvider.System;
        var loop = webhooks is null ? null : new EmulatorWebhookLoop(time, webhooks.ScanInterval, webhooks.MaxConcurrent);
        var api = createApi(time, loop);
        var (app, baseAddress) = await EmulatorHost.StartAsync(url, options.ConsoleLogging, api.Map, ct).ConfigureAwait(false);
        if (api is IEmulatorLinks links) links.BaseUrl = EmulatorHost.LinkBase(baseAddress);
        loop?.Start(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(logCategory));
        return (new Started(app, baseAddress, time, loop, api), api);
    }

    public async ValueTask DisposeAsync()
    {
        if (WebhookLoop is not null) await WebhookLoop.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }
}
