using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reelay.Engines;
using Reelay.Providers.HyprLab.Emulator;
using Reelay.Providers.HyprLab.Upstream;
using Reelay.Tests.Upstreams.Contract;

namespace Reelay.Tests.Providers.HyprLab.Upstream;

/// <summary>A HyprLab emulator on a manual clock, a blob store in a temp dir, and HyprLab engines pointed at the emulator.</summary>
public sealed class HyprLabEngineHarness : EmulatedUpstreamHarness<HyprLabEmulator>
{
    public const string Key = "hl-test-key";
    public static readonly TimeSpan Queue = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Generation = TimeSpan.FromSeconds(100);

    private HyprLabEngineHarness(HyprLabEmulator emulator, FakeTimeProvider clock) : base(emulator, clock, "hyprlab-test") { }

    public static async Task<HyprLabEngineHarness> StartAsync(Action<HyprLabEmulatorOptions>? configure = null)
    {
        var options = new HyprLabEmulatorOptions { ApiKey = Key, QueueTime = Queue, GenerationTime = Generation, ResultVideoSize = "320x180" };
        configure?.Invoke(options);
        var clock = new FakeTimeProvider();
        return new HyprLabEngineHarness(await HyprLabEmulator.StartAsync("http://127.0.0.1:0", options, clock), clock);
    }

    public HyprLabEngine Engine(Action<HyprLabUpstreamOptions>? change = null)
    {
        var o = new HyprLabUpstreamOptions { Name = "hyprlab-test", BaseUrl = Emulator.BaseAddress.ToString(), ApiKey = Key };
        change?.Invoke(o);
        return new HyprLabEngine(o, NewHttp(), Blobs, Clock, NullLogger<HyprLabEngine>.Instance);
    }

    public override IVideoEngine Engine(bool wrongCredentials) => Engine(o => { if (wrongCredentials) o.ApiKey = "wrong-key"; });
}
