using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Reelay.Accounts;
using Reelay.Api;
using Reelay.Emulation;
using Reelay.Engines;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.Higgsfield.Emulator;
using Reelay.Providers.Higgsfield.Upstream;
using Reelay.Security;
using Reelay.Tests.Upstreams.Contract;

namespace Reelay.Tests.Providers.Higgsfield.Upstream;

/// <summary>A Higgsfield emulator on a manual clock, a blob store in a temp dir, and engines pointed at the emulator.</summary>
public sealed class HiggsfieldEngineHarness : EmulatedUpstreamHarness<HiggsfieldEmulator>
{
    public static readonly TimeSpan Queue = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Generation = TimeSpan.FromSeconds(60);

    private HiggsfieldEngineHarness(HiggsfieldEmulator emulator, FakeTimeProvider clock) : base(emulator, clock, "hf-test") { }

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
        return new HiggsfieldEngine(options, NewHttp(), Links(publicBaseUrl), Clock, NullLogger<HiggsfieldEngine>.Instance);
    }

    public override IVideoEngine Engine(bool wrongCredentials) => Engine(secret: wrongCredentials ? "wrong-secret" : null);

    public static VideoRequest TextRequest(string prompt = "a lighthouse at dusk") => new() { Model = "kling-v2-5-turbo", Prompt = prompt, DurationSeconds = 5 };
}
