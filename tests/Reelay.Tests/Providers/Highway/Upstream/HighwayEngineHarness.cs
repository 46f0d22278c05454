using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reelay.Emulation;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Highway.Emulator;
using Reelay.Providers.Highway.Upstream;
using Reelay.Tests.Upstreams.Contract;

namespace Reelay.Tests.Providers.Highway.Upstream;

/// <summary>A Highway emulator on a manual clock, a blob store in a temp dir, and engines pointed at the emulator.</summary>
public sealed class HighwayEngineHarness : EmulatedUpstreamHarness<HighwayEmulator>
{
    public static readonly TimeSpan Queue = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Generation = TimeSpan.FromSeconds(60);

    private HighwayEngineHarness(HighwayEmulator emulator, FakeTimeProvider clock) : base(emulator, clock, "hw-test") { }

    public static async Task<HighwayEngineHarness> StartAsync(Action<EmulatorFaults>? faults = null)
    {
        var options = new HighwayEmulatorOptions { QueueTime = Queue, GenerationTime = Generation, ResultVideoSize = "320x180" };
        faults?.Invoke(options.Faults);
        var clock = new FakeTimeProvider();
        return new HighwayEngineHarness(await HighwayEmulator.StartAsync("http://127.0.0.1:0", options, clock), clock);
    }

    public HighwayEngine Engine(string? apiKey = null, string? publicBaseUrl = null)
    {
        var options = new HighwayUpstreamOptions
        {
            Name = "hw-test",
            BaseUrl = Emulator.BaseAddress.ToString(),
            ApiKey = apiKey ?? HighwayEmulatorOptions.DefaultApiKey,
            PublicBaseUrl = publicBaseUrl,
            FirstPollAfter = TimeSpan.FromSeconds(20),
            MaxPollInterval = TimeSpan.FromSeconds(15),
        };
        return new HighwayEngine(options, NewHttp(), Blobs, Clock, NullLogger<HighwayEngine>.Instance);
    }

    public override IVideoEngine Engine(bool wrongCredentials) => Engine(apiKey: wrongCredentials ? "wrong-key" : null);

    public static VideoRequest TextRequest(string prompt = "a train in the rain") => new() { Model = "kling-v2-5-turbo", Prompt = prompt, DurationSeconds = 5 };
}
