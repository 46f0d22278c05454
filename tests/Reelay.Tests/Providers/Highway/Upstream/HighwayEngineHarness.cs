using Microsoft.Extensions.Time.Testing;
using Reelay.Emulation;
using Microsoft.Extensions.Logging.Abstractions;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Highway.Emulator;
using Reelay.Providers.Highway.Upstream;
using Reelay.Storage.Blobs;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.Highway.Upstream;

/// <summary>A Highway emulator on a manual clock, a blob store in a temp dir, and engines pointed at the emulator.</summary>
public sealed class HighwayEngineHarness : IAsyncDisposable
{
    public static readonly TimeSpan Queue = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Generation = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _dir = new("reelay-hw-up");
    private readonly List<HttpClient> _clients = [];

    private HighwayEngineHarness(HighwayEmulator emulator, FakeTimeProvider clock)
    {
        Emulator = emulator;
        Clock = clock;
        Blobs = new FileSystemBlobStore(_dir.Sub("blobs"));
    }

    public HighwayEmulator Emulator { get; }
    public FakeTimeProvider Clock { get; }
    public FileSystemBlobStore Blobs { get; }

    public static async Task<HighwayEngineHarness> StartAsync(Action<EmulatorFaults>? faults = null)
    {
        var options = new HighwayEmulatorOptions { QueueTime = Queue, GenerationTime = Generation, ResultVideoSize = "320x180" };
        faults?.Invoke(options.Faults);
        var clock = new FakeTimeProvider();
        return new HighwayEngineHarness(await HighwayEmulator.StartAsync("http://127.0.0.1:0", options, clock), clock);
    }

    public HighwayEngine Engine(string? apiKey = null, string? publicBaseUrl = null)
    {
        var http = new HttpClient();
        _clients.Add(http);
        var options = new HighwayUpstreamOptions
        {
            Name = "hw-test",
            BaseUrl = Emulator.BaseAddress.ToString(),
            ApiKey = apiKey ?? HighwayEmulatorOptions.DefaultApiKey,
            PublicBaseUrl = publicBaseUrl,
            FirstPollAfter = TimeSpan.FromSeconds(20),
            MaxPollInterval = TimeSpan.FromSeconds(15),
        };
        return new HighwayEngine(options, http, Blobs, Clock, NullLogger<HighwayEngine>.Instance);
    }

    public EngineContext Context(VideoRequest request, string id = "job_0001", string? upstreamRef = null)
    {
        var now = Clock.GetUtcNow();
        var job = new VideoJob
        {
            Id = id,
            OwnerKeyId = "owner",
            Request = request,
            Engine = "hw-test",
            Status = JobStatus.Running,
            Stage = upstreamRef is null ? JobStage.Submit : JobStage.Poll,
            UpstreamRef = upstreamRef,
            CreatedAt = now,
            UpdatedAt = now,
            StartedAt = now,
            DeadlineAt = now.AddHours(1),
        };
        return new EngineContext(job, _dir.Sub("work-" + Guid.NewGuid().ToString("N")), new Progress<int>());
    }

    public static VideoRequest TextRequest(string prompt = "a train in the rain") => new() { Model = "kling-v2-5-turbo", Prompt = prompt, DurationSeconds = 5 };

    public async Task<string> StoreInputAsync(string key, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        await Blobs.PutAsync(key, stream, "image/png", CancellationToken.None);
        return BlobKeys.ReferencePrefix + key;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clients) c.Dispose();
        await Emulator.DisposeAsync();
        _dir.Dispose();
    }
}
