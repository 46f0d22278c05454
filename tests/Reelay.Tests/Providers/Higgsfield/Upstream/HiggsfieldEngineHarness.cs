using Microsoft.Extensions.Time.Testing;
using Reelay.Emulation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Reelay.Accounts;
using Reelay.Api;
using Reelay.Engines;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.Higgsfield.Emulator;
using Reelay.Providers.Higgsfield.Upstream;
using Reelay.Security;
using Reelay.Storage.Blobs;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.Higgsfield.Upstream;

/// <summary>A Higgsfield emulator on a manual clock, a blob store in a temp dir, and engines pointed at the emulator.</summary>
public sealed class HiggsfieldEngineHarness : IAsyncDisposable
{
    public static readonly TimeSpan Queue = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Generation = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _dir = new("reelay-hf-up");
    private readonly List<HttpClient> _clients = [];

    private HiggsfieldEngineHarness(HiggsfieldEmulator emulator, FakeTimeProvider clock)
    {
        Emulator = emulator;
        Clock = clock;
        Blobs = new FileSystemBlobStore(_dir.Sub("blobs"));
    }

    public HiggsfieldEmulator Emulator { get; }
    public FakeTimeProvider Clock { get; }
    public FileSystemBlobStore Blobs { get; }
    public UrlSigner Signer { get; } = new(new KeySecrets(new byte[32]));

    public static async Task<HiggsfieldEngineHarness> StartAsync(Action<EmulatorFaults>? faults = null)
    {
        var options = new HiggsfieldEmulatorOptions { QueueTime = Queue, GenerationTime = Generation, ResultVideoSize = "320x180" };
        faults?.Invoke(options.Faults);
        var clock = new FakeTimeProvider();
        return new HiggsfieldEngineHarness(await HiggsfieldEmulator.StartAsync("http://127.0.0.1:0", options, clock), clock);
    }

    public InputImageLinks Links(string? publicBaseUrl) =>
        new(Signer, Options.Create(new ReelayOptions { PublicBaseUrl = publicBaseUrl }));

    public HiggsfieldEngine Engine(string? publicBaseUrl = null, string? secret = null)
    {
        var http = new HttpClient();
        _clients.Add(http);
        var options = new HiggsfieldUpstreamOptions
        {
            Name = "hf-test",
            BaseUrl = Emulator.BaseAddress.ToString(),
            ApiKey = HiggsfieldEmulatorOptions.DefaultApiKey,
            Secret = secret ?? HiggsfieldEmulatorOptions.DefaultSecret,
            PublicBaseUrl = publicBaseUrl,
            FirstPollAfter = TimeSpan.FromSeconds(20),
            MaxPollInterval = TimeSpan.FromSeconds(15),
        };
        return new HiggsfieldEngine(options, http, Links(publicBaseUrl), Clock, NullLogger<HiggsfieldEngine>.Instance);
    }

    public EngineContext Context(VideoRequest request, string id = "job_0001", string? upstreamRef = null)
    {
        var now = Clock.GetUtcNow();
        var job = new VideoJob
        {
            Id = id,
            OwnerKeyId = "owner",
            Request = request,
            Engine = "hf-test",
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

    public static VideoRequest TextRequest(string prompt = "a lighthouse at dusk") => new() { Model = "kling-v2-5-turbo", Prompt = prompt, DurationSeconds = 5 };

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
