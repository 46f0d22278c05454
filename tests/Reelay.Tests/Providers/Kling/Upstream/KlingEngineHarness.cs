using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Kling.Upstream;
using Reelay.Storage.Blobs;
using Reelay.Tests.Support;
using Reelay.Tests.Upstreams.Contract;

namespace Reelay.Tests.Providers.Kling.Upstream;

/// <summary>A fake Kling server, a blob store in a temp dir, and Kling engines pointed at the server.</summary>
public sealed class KlingEngineHarness : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("reelay-kling-up");
    private readonly List<HttpClient> _clients = [];

    private KlingEngineHarness(FakeKlingServer server, TimeProvider time)
    {
        Server = server;
        Time = time;
        Blobs = new FileSystemBlobStore(_dir.Sub("blobs"));
    }

    public FakeKlingServer Server { get; }
    public TimeProvider Time { get; }
    public FileSystemBlobStore Blobs { get; }

    /// <summary>With a <see cref="FakeTimeProvider"/> unless a real clock is needed (request timeouts).</summary>
    public static async Task<KlingEngineHarness> StartAsync(TimeProvider? time = null)
    {
        time ??= new FakeTimeProvider();
        return new KlingEngineHarness(await FakeKlingServer.StartAsync(time), time);
    }

    public FakeTimeProvider Clock => (FakeTimeProvider)Time;

    public KlingUpstreamOptions Options(Action<KlingUpstreamOptions>? change = null)
    {
        var o = new KlingUpstreamOptions
        {
            Name = "kling-test",
            BaseUrl = Server.BaseAddress.ToString(),
            AccessKey = FakeKlingServer.AccessKey,
            SecretKey = FakeKlingServer.SecretKey,
        };
        change?.Invoke(o);
        return o;
    }

    public KlingEngine Engine(Action<KlingUpstreamOptions>? change = null)
    {
        var http = new HttpClient();
        _clients.Add(http);
        return new KlingEngine(Options(change), http, Blobs, Time, NullLogger<KlingEngine>.Instance);
    }

    public EngineContext Context(VideoRequest request, string id = "job_0001", string? upstreamRef = null) =>
        RunningJobContexts.Create(Time, "kling-test", _dir.Sub("work-" + Guid.NewGuid().ToString("N")), request, id, upstreamRef);

    public Task<string> StoreInputAsync(string key, byte[] bytes) => RunningJobContexts.StoreInputAsync(Blobs, key, bytes);

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clients) c.Dispose();
        await Server.DisposeAsync();
        _dir.Dispose();
    }
}
