using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reelay.Accounts;
using Reelay.Api;
using Reelay.Engines;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.ApiFrame.Emulator;
using Reelay.Providers.ApiFrame.Upstream;
using Reelay.Security;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.ApiFrame.Upstream;

/// <summary>An APIFrame emulator on a manual clock and APIFrame engines pointed at it.</summary>
public sealed class ApiFrameEngineHarness : IAsyncDisposable
{
    public const string Key = "af-test-key";
    public static readonly TimeSpan Queue = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan Generation = TimeSpan.FromSeconds(100);

    private readonly List<HttpClient> _clients = [];
    private bool _emulatorStopped;

    private ApiFrameEngineHarness(ApiFrameEmulator emulator, FakeTimeProvider time)
    {
        Emulator = emulator;
        Clock = time;
    }

    public ApiFrameEmulator Emulator { get; }
    public FakeTimeProvider Clock { get; }
    public UrlSigner Signer { get; } = new(new KeySecrets(RandomNumberGenerator.GetBytes(32)));

    /// <summary>The input links Reelay would build with <paramref name="publicBaseUrl"/> as its public address.</summary>
    public InputImageLinks Links(string? publicBaseUrl) => new(Signer, Options.Create(new ReelayOptions { PublicBaseUrl = publicBaseUrl }));

    public static async Task<ApiFrameEngineHarness> StartAsync(Action<ApiFrameEmulatorOptions>? configure = null)
    {
        var options = new ApiFrameEmulatorOptions { ApiKey = Key, QueueTime = Queue, GenerationTime = Generation, ResultVideoSize = "320x180" };
        configure?.Invoke(options);
        var time = new FakeTimeProvider();
        return new ApiFrameEngineHarness(await ApiFrameEmulator.StartAsync("http://127.0.0.1:0", options, time), time);
    }

    public ApiFrameEngine Engine(Action<ApiFrameUpstreamOptions>? change = null)
    {
        var o = new ApiFrameUpstreamOptions { Name = "apiframe-test", BaseUrl = Emulator.BaseAddress.ToString(), ApiKey = Key };
        change?.Invoke(o);
        var http = new HttpClient();
        _clients.Add(http);
        return new ApiFrameEngine(o, http, Links(o.PublicBaseUrl), Clock, NullLogger<ApiFrameEngine>.Instance);
    }

    public EngineContext Context(VideoRequest request, string id = "job_0001", string? upstreamRef = null)
    {
        var now = Clock.GetUtcNow();
        var job = new VideoJob
        {
            Id = id,
            OwnerKeyId = "owner",
            Request = request,
            Engine = "apiframe-test",
            Status = JobStatus.Running,
            Stage = upstreamRef is null ? JobStage.Submit : JobStage.Poll,
            UpstreamRef = upstreamRef,
            CreatedAt = now,
            UpdatedAt = now,
            StartedAt = now,
            DeadlineAt = now.AddHours(1),
        };
        return new EngineContext(job, Path.GetTempPath(), new Progress<int>());
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
    }
}
