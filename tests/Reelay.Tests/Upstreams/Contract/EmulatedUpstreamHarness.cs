using Microsoft.Extensions.Time.Testing;
using Reelay.Emulation;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Storage.Blobs;
using Reelay.Tests.Support;

namespace Reelay.Tests.Upstreams.Contract;

/// <summary>
/// What every upstream-engine harness shares: a provider's emulator on a manual clock (timelines move only when a test
/// advances it), a blob store in a temp dir, HTTP clients it disposes, and job contexts as the scheduler hands them out.
/// A provider's harness adds how to start its emulator and build its engine (<see cref="Engine(bool)"/> for the contract).
/// </summary>
public abstract class EmulatedUpstreamHarness<TEmulator> : IAsyncDisposable where TEmulator : EmulatorServer
{
    private readonly TempDirectory _dir;
    private readonly List<HttpClient> _clients = [];
    private readonly string _engineName;
    private bool _emulatorStopped;

    protected EmulatedUpstreamHarness(TEmulator emulator, FakeTimeProvider clock, string engineName)
    {
        Emulator = emulator;
        Clock = clock;
        _engineName = engineName;
        _dir = new TempDirectory("reelay-" + engineName);
        Blobs = new FileSystemBlobStore(_dir.Sub("blobs"));
    }

    public TEmulator Emulator { get; }

    public FakeTimeProvider Clock { get; }

    public FileSystemBlobStore Blobs { get; }

    /// <summary>A scratch directory inside the harness's temp dir.</summary>
    public string Scratch(string name) => _dir.Sub(name);

    /// <summary>An engine with the emulator's credentials, or with refused ones.</summary>
    public abstract IVideoEngine Engine(bool wrongCredentials);

    /// <summary>An HTTP client the harness disposes.</summary>
    protected HttpClient NewHttp()
    {
        var http = new HttpClient();
        _clients.Add(http);
        return http;
    }

    /// <summary>The context of a running job on this harness's engine: at the submit stage, or polling <paramref name="upstreamRef"/>.</summary>
    public EngineContext Context(VideoRequest request, string id = "job_0001", string? upstreamRef = null) =>
        RunningJobContexts.Create(Clock, _engineName, _dir.Sub("work-" + Guid.NewGuid().ToString("N")), request, id, upstreamRef);

    /// <summary>Stores <paramref name="bytes"/> as an input blob; returns the reference a request carries.</summary>
    public Task<string> StoreInputAsync(string key, byte[] bytes) => RunningJobContexts.StoreInputAsync(Blobs, key, bytes);

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
        GC.SuppressFinalize(this);
    }
}
