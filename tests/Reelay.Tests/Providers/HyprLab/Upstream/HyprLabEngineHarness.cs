using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.HyprLab.Emulator;
using Reelay.Providers.HyprLab.Upstream;
using Reelay.Storage.Blobs;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.HyprLab.Upstream;

/// <summary>A HyprLab emulator on a manual clock, a blob store in a temp dir, and HyprLab engines pointed at the emulator.</summary>
public sealed class HyprLabEngineHarness : IAsyncDisposable
{
    public const string Key = "hl-test-key";
    public static readonly TimeSpan Queue = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Generation = TimeSpan.FromSeconds(100);

    private readonly TempDirectory _dir = new("reelay-hyprlab-up");
    private readonly List<HttpClient> _clients = [];
    private bool _emulatorStopped;

    private HyprLabEngineHarness(HyprLabEmulator emulator, FakeTimeProvider time)
    {
        Emulator = emulator;
        Clock = time;
        Blobs = new FileSystemBlobStore(_dir.Sub("blobs"));
    }

    public HyprLabEmulator Emulator { get; }
    public FakeTimeProvider Clock { get; }
    public FileSystemBlobStore Blobs { get; }

    public static async Task<HyprLabEngineHarness> StartAsync(Action<HyprLabEmulatorOptions>? configure = null)
    {
        var options = new HyprLabEmulatorOptions { ApiKey = Key, QueueTime = Queue, GenerationTime = Generation, ResultVideoSize = "320x180" };
        configure?.Invoke(options);
        var time = new FakeTimeProvider();
        return new HyprLabEngineHarness(await HyprLabEmulator.StartAsync("http://127.0.0.1:0", options, time), time);
    }

    public HyprLabEngine Engine(Action<HyprLabUpstreamOptions>? change = null)
    {
        var o = new HyprLabUpstreamOptions { Name = "hyprlab-test", BaseUrl = Emulator.BaseAddress.ToString(), ApiKey = Key };
        change?.Invoke(o);
        var http = new HttpClient();
        _clients.Add(http);
        return new HyprLabEngine(o, http, Blobs, Clock, NullLogger<HyprLabEngine>.Instance);
    }

    public EngineContext Context(VideoRequest request, string id = "job_0001", string? upstreamRef = null)
    {
        var now = Clock.GetUtcNow();
        var job = new VideoJob
        {
            Id = id,
            OwnerKeyId = "owner",
            Request = request,
            Engine = "hyprlab-test",
            Status = JobStatus.Running,
            Stage = upstreamRef is null ? JobStage.Submit : JobStage.Poll,
            UpstreamRef = upstreamRef,
            CreatedAt = now,
            UpdatedAt = now,
            StartedAt = now,
            DeadlineAt = now.AddHours(1),
        };
        return new EngineContext(job, _dir.Path, new Progress<int>());
    }

    public async Task<string> StoreInputAsync(string key, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        await Blobs.PutAsync(key, stream, "image/png", CancellationToken.None);
        return BlobKeys.ReferencePrefix + key;
    }

    /// <summary>Takes the upstream away (connections are refused from now on); engines stay usable.</summary>
    public async Task StopEmulatorAsync()
    {
        if (_emulatorStopped) return;
        _emulatorStopped = true;
        await Emulator.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clients) c.Dispose();
        await StopEmulatorAsync();
        _dir.Dispose();
    }
}
