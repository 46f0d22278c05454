using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Leonardo.Emulator;
using Reelay.Providers.Leonardo.Upstream;
using Reelay.Security;
using Reelay.Storage.Blobs;
using Reelay.Tests.Support;
using Reelay.Tests.Upstreams.Contract;

namespace Reelay.Tests.Providers.Leonardo.Upstream;

/// <summary>A Leonardo emulator on a manual clock, a blob store in a temp dir, and engines pointed at the emulator.</summary>
public sealed class LeonardoEngineHarness : EmulatedUpstreamHarness<LeonardoEmulator>
{
    public static readonly TimeSpan Queue = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Generation = TimeSpan.FromSeconds(60);

    private LeonardoEngineHarness(LeonardoEmulator emulator, FakeTimeProvider clock) : base(emulator, clock, "leo-test") { }

    public static async Task<LeonardoEngineHarness> StartAsync(Action<LeonardoEmulatorOptions>? configure = null)
    {
        var options = new LeonardoEmulatorOptions { QueueTime = Queue, GenerationTime = Generation, ResultVideoSize = "320x180" };
        configure?.Invoke(options);
        var clock = new FakeTimeProvider();
        return new LeonardoEngineHarness(await LeonardoEmulator.StartAsync("http://127.0.0.1:0", options, clock), clock);
    }

    public LeonardoEngine Engine(string? apiKey = null, OutboundPolicy? uploadPolicy = null)
    {
        var options = new LeonardoUpstreamOptions
        {
            Name = "leo-test",
            BaseUrl = Emulator.BaseAddress.ToString(),
            ApiKey = apiKey ?? LeonardoEmulatorOptions.DefaultApiKey,
            FirstPollAfter = TimeSpan.FromSeconds(20),
            MaxPollInterval = TimeSpan.FromSeconds(15),
            UploadPolicy = uploadPolicy ?? new OutboundPolicy(),
        };
        return new LeonardoEngine(options, NewHttp(), Blobs, Clock, NullLogger<LeonardoEngine>.Instance);
    }

    public override IVideoEngine Engine(bool wrongCredentials) => Engine(apiKey: wrongCredentials ? "wrong-key" : null);

    public static VideoRequest TextRequest(string model = "kling-v2-5-turbo", string prompt = "a lighthouse at dusk") =>
        new() { Model = model, Prompt = prompt, DurationSeconds = 5 };

    /// <summary>A real PNG made by ffmpeg, stored as an input; returns its reference and bytes.</summary>
    public async Task<(string Reference, byte[] Bytes)> StoreImageAsync(string name, int width = 640, int height = 360)
    {
        var bytes = await File.ReadAllBytesAsync(TestMedia.Image(Path.Combine(Scratch("images"), name + ".png"), width, height));
        var key = $"inputs/{name}.png";
        using var stream = new MemoryStream(bytes);
        await Blobs.PutAsync(key, stream, "image/png", CancellationToken.None);
        return (BlobKeys.ReferencePrefix + key, bytes);
    }
}
