using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reelay.Emulation;
using Reelay.Engines;
using Reelay.Providers.Kling.Emulator;
using Reelay.Providers.Kling.Upstream;
using Reelay.Tests.Upstreams.Contract;

namespace Reelay.Tests.Providers.Kling.Upstream;

/// <summary>A Kling emulator on a manual clock and Kling engines pointed at it (the contract's harness; <see cref="KlingEngineHarness"/> drives a scripted fake).</summary>
public sealed class KlingEmulatorHarness : EmulatedUpstreamHarness<KlingEmulator>
{
    public static readonly TimeSpan Queue = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Generation = TimeSpan.FromSeconds(60);

    private KlingEmulatorHarness(KlingEmulator emulator, FakeTimeProvider clock) : base(emulator, clock, "kling-test") { }

    public static async Task<KlingEmulatorHarness> StartAsync(Action<EmulatorFaults>? faults = null)
    {
        var options = new KlingEmulatorOptions { QueueTime = Queue, GenerationTime = Generation, ResultVideoSize = "320x180" };
        faults?.Invoke(options.Faults);
        var clock = new FakeTimeProvider();
        return new KlingEmulatorHarness(await KlingEmulator.StartAsync("http://127.0.0.1:0", options, clock), clock);
    }

    public override IVideoEngine Engine(bool wrongCredentials)
    {
        var options = new KlingUpstreamOptions
        {
            Name = "kling-test",
            BaseUrl = Emulator.BaseAddress.ToString(),
            AccessKey = KlingEmulatorOptions.DefaultAccessKey,
            SecretKey = wrongCredentials ? "a-wrong-secret-key-of-thirty-two-bytes!" : KlingEmulatorOptions.DefaultSecretKey,
        };
        return new KlingEngine(options, NewHttp(), Blobs, Clock, NullLogger<KlingEngine>.Instance);
    }
}
