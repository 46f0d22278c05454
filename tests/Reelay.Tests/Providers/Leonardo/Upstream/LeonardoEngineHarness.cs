using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Leonardo.Emulator;
using Reelay.Providers.Leonardo.Upstream;
using Reelay.Security;
using Reelay.Storage.Blobs;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.Leonardo.Upstream;

/// <summary>A Leonardo emulator on a manual clock, a blob store in a temp dir, and engines pointed at the emulator.</summary>
public sealed class LeonardoEngineHarness : IAsyncDisposable
{
    public static readonly TimeSpan Queue = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Generation = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _dir = new("reelay-leo-up");
    private readonly List<HttpClient> _clients = [];

    private LeonardoEngineHarness(LeonardoEmulator emulator, FakeTimeProvider clock)
    {
        Emulator = emulator;
        Clock = clock;
        Blobs = new FileSystemBlobStore(_dir.Sub("blobs"));
    }

    public LeonardoEmulator Emulator { get; }
    public FakeTimeProvider Clock { get; }
    public FileSystemBlobStore Blobs { get; }

    public static async Task<LeonardoEngineHarness> StartAsync(Action<LeonardoEmulatorOptions>? configure = null)
    {
        var options = new LeonardoEmulatorOptions { QueueTime = Queue, GenerationTime = Generation, ResultVideoSize = "320x180" };
        configure?.Invoke(options);
        var clock = new FakeTimeProvider();
        return new LeonardoEngineHarness(await LeonardoEmulator.StartAsync("http://127.0.0.1:0", options, clock), clock);
    }

    public LeonardoEngine Engine(string? apiKey = null, OutboundPolicy? uploadPolicy = null)
    {
        var http = new HttpClient();
        _clients.Add(http);
        var options = new LeonardoUpstreamOptions
        {
            Name = "leo-test",
            BaseUrl = Emulator.BaseAddress.ToString(),
            ApiKey = apiKey ?? LeonardoEmulatorOptions.DefaultApiKey,
            FirstPollAfter = TimeSpan.FromSeconds(20),
            MaxPollInterval = TimeSpan.FromSeconds(15),
            UploadPolicy = uploadPolicy ?? new OutboundPolicy(),
        };
        return new LeonardoEngine(options, http, Blobs, Clock, NullLogger<LeonardoEngine>.Instance);
    }

    public EngineContext Context(VideoRequest request, string id = "job_0001", string? upstreamRef = null)
    {
        var now = Clock.GetUtcNow();
        var job = new VideoJob
        {
            Id = id,
            OwnerKeyId = "owner",
            Request = request,
            Engine = "leo-test",
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

    public static VideoRequest TextRequest(string model = "kling-v2-5-turbo", string prompt = "a lighthouse at dusk") =>
        new() { Model = model, Prompt = prompt, DurationSeconds = 5 };

    /// <summary>A real PNG made by ffmpeg, stored as an input; returns its reference and bytes.</summary>
    public async Task<(string Reference, byte[] Bytes)> StoreImageAsync(string name, int width = 640, int height = 360)
    {
        var bytes = await File.ReadAllBytesAsync(TestMedia.Image(_dir.File(name + ".png"), width, height));
        var key = $"inputs/{name}.png";
        using var stream = new MemoryStream(bytes);
        await Blobs.PutAsync(key, stream, "image/png", CancellationToken.None);
        return (BlobKeys.ReferencePrefix + key, bytes);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clients) c.Dispose();
        await Emulator.DisposeAsync();
        _dir.Dispose();
    }
}
