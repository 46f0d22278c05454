using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Reelay.Accounts;
using Reelay.Api;
using Reelay.Engines;
using Reelay.Hosting;
using Reelay.Providers.ApiFrame.Emulator;
using Reelay.Providers.ApiFrame.Upstream;
using Reelay.Security;
using Reelay.Tests.Upstreams.Contract;

namespace Reelay.Tests.Providers.ApiFrame.Upstream;

/// <summary>An APIFrame emulator on a manual clock and APIFrame engines pointed at it.</summary>
public sealed class ApiFrameEngineHarness : EmulatedUpstreamHarness<ApiFrameEmulator>
{
    public const string Key = "af-test-key";
    public static readonly TimeSpan Queue = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan Generation = TimeSpan.FromSeconds(100);

    private ApiFrameEngineHarness(ApiFrameEmulator emulator, FakeTimeProvider clock) : base(emulator, clock, "apiframe-test") { }

    public UrlSigner Signer { get; } = new(new KeySecrets(RandomNumberGenerator.GetBytes(32)));

    /// <summary>The input links Reelay would build with <paramref name="publicBaseUrl"/> as its public address.</summary>
    public InputImageLinks Links(string? publicBaseUrl) => new(Signer, Options.Create(new ReelayOptions { PublicBaseUrl = publicBaseUrl }));

    public static async Task<ApiFrameEngineHarness> StartAsync(Action<ApiFrameEmulatorOptions>? configure = null)
    {
        var options = new ApiFrameEmulatorOptions { ApiKey = Key, QueueTime = Queue, GenerationTime = Generation, ResultVideoSize = "320x180" };
        configure?.Invoke(options);
        var clock = new FakeTimeProvider();
        return new ApiFrameEngineHarness(await ApiFrameEmulator.StartAsync("http://127.0.0.1:0", options, clock), clock);
    }

    public ApiFrameEngine Engine(Action<ApiFrameUpstreamOptions>? change = null)
    {
        var o = new ApiFrameUpstreamOptions { Name = "apiframe-test", BaseUrl = Emulator.BaseAddress.ToString(), ApiKey = Key };
        change?.Invoke(o);
        return new ApiFrameEngine(o, NewHttp(), Links(o.PublicBaseUrl), Clock, NullLogger<ApiFrameEngine>.Instance);
    }

    public override IVideoEngine Engine(bool wrongCredentials) => Engine(o => { if (wrongCredentials) o.ApiKey = "wrong-key"; });
}
