using Reelay.Emulation;
using Reelay.Providers.ApiFrame.Emulator;
using Reelay.Providers.Higgsfield.Emulator;
using Reelay.Providers.Highway.Emulator;
using Reelay.Providers.HyprLab.Emulator;
using Reelay.Providers.Kling.Emulator;
using Reelay.Providers.Leonardo.Emulator;

namespace Reelay.IntegrationTests.Upstreams.Matrix;

/// <summary>
/// One upstream of the matrix: its emulator running in-process with short timelines and no faults, the catalog
/// models its adapter serves (from the adapter's own request mapper), and its count of creates per job.
/// </summary>
internal sealed class MatrixUpstream : IAsyncDisposable
{
    private static readonly TimeSpan Queue = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Generation = TimeSpan.FromMilliseconds(800);
    private const string VideoSize = "320x180";

    private readonly IAsyncDisposable _emulator;
    private readonly Func<string, string, int> _createsFor;

    private MatrixUpstream(string type, IAsyncDisposable emulator, Uri address, string? accessKey, string? secretKey,
        IReadOnlyList<string> serves, Func<string, string, int> createsFor)
    {
        Type = type;
        _emulator = emulator;
        Address = address;
        AccessKey = accessKey;
        SecretKey = secretKey;
        Serves = serves;
        _createsFor = createsFor;
    }

    public string Type { get; }
    public Uri Address { get; }
    public string? AccessKey { get; }
    public string? SecretKey { get; }

    /// <summary>
    /// The models the matrix's dialects ask for that this upstream's adapter serves (its request mapper refuses the
    /// others). Kling and HyprLab take every kling-* model (HyprLab maps catalog model + mode to its own names);
    /// Higgsfield and Highway only Kling 2.5 Turbo (their endpoints are that model's); Leonardo KLING2_1 and KLING2_5;
    /// APIFrame kling-v1, v1-5 and v1-6 only.
    /// </summary>
    public IReadOnlyList<string> Serves { get; }

    /// <summary>Creates the emulator accepted for the job <paramref name="jobId"/>, whose prompt was <paramref name="prompt"/>.</summary>
    public int CreatesFor(string jobId, string prompt) => _createsFor(jobId, prompt);

    public static async Task<MatrixUpstream> StartAsync(string type)
    {
        const string loopback = "http://127.0.0.1:0";
        var none = new EmulatorFaults();
        switch (type)
        {
            case "kling":
                var kling = await KlingEmulator.StartAsync(loopback, new KlingEmulatorOptions { QueueTime = Queue, GenerationTime = Generation, ResultVideoSize = VideoSize, Faults = none });
                // Kling is the one upstream that stores Reelay's job id (external_task_id), so creates are counted by it.
                return new(type, kling, kling.BaseAddress, kling.Options.AccessKey, kling.Options.SecretKey,
                    ["kling-v1-6", "kling-v2-5-turbo", "kling-v2-1"], (id, _) => kling.SubmissionsFor(id));
            case "higgsfield":
                var hf = await HiggsfieldEmulator.StartAsync(loopback, new HiggsfieldEmulatorOptions { QueueTime = Queue, GenerationTime = Generation, ResultVideoSize = VideoSize, Faults = none });
                return new(type, hf, hf.BaseAddress, hf.Options.ApiKey, hf.Options.Secret,
                    ["kling-v2-5-turbo"], (_, prompt) => hf.Received.Count(r => r.Prompt == prompt));
            case "highway":
                var hw = await HighwayEmulator.StartAsync(loopback, new HighwayEmulatorOptions { QueueTime = Queue, GenerationTime = Generation, ResultVideoSize = VideoSize, Faults = none });
                return new(type, hw, hw.BaseAddress, hw.Options.ApiKey, null,
                    ["kling-v2-5-turbo"], (_, prompt) => hw.Received.Count(r => r.Prompt == prompt));
            case "hyprlab":
                var hl = await HyprLabEmulator.StartAsync(loopback, new HyprLabEmulatorOptions { QueueTime = Queue, GenerationTime = Generation, ResultVideoSize = VideoSize, Faults = none });
                return new(type, hl, hl.BaseAddress, hl.Options.ApiKey, null,
                    ["kling-v1-6", "kling-v2-5-turbo", "kling-v2-1"], (_, prompt) => hl.CreatedRequests.Count(r => r.Prompt == prompt));
            case "leonardo":
                var leo = await LeonardoEmulator.StartAsync(loopback, new LeonardoEmulatorOptions { QueueTime = Queue, GenerationTime = Generation, ResultVideoSize = VideoSize, Faults = none });
                return new(type, leo, leo.BaseAddress, leo.Options.ApiKey, null,
                    ["kling-v2-5-turbo", "kling-v2-1"], (_, prompt) => leo.Received.Count(r => r.Prompt == prompt));
            case "apiframe":
                var af = await ApiFrameEmulator.StartAsync(loopback, new ApiFrameEmulatorOptions { QueueTime = Queue, GenerationTime = Generation, ResultVideoSize = VideoSize, Faults = none });
                return new(type, af, af.BaseAddress, af.Options.ApiKey, null,
                    ["kling-v1-6"], (_, prompt) => af.CreatedRequests.Count(r => r.Prompt == prompt));
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "no emulator for this upstream type");
        }
    }

    /// <summary>
    /// Reelay settings with this upstream as the only one. Its Models are left unlisted, as most operators leave them:
    /// Reelay then takes the models the adapter serves, which must be exactly <see cref="Serves"/> — the matrix checks
    /// that each job goes to the upstream when, and only when, its model is among them.
    /// </summary>
    public Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Reelay:Upstreams:0:Name"] = Type + "-matrix",
            ["Reelay:Upstreams:0:Type"] = Type,
            ["Reelay:Upstreams:0:BaseUrl"] = Address.ToString(),
            ["Reelay:Upstreams:0:AccessKey"] = AccessKey,
            ["Reelay:Upstreams:0:SecretKey"] = SecretKey ?? "unused",
            ["Reelay:Upstreams:0:FirstPollAfter"] = "00:00:00.300",
            ["Reelay:Upstreams:0:MaxPollInterval"] = "00:00:00.500",
        };
        return settings;
    }

    public ValueTask DisposeAsync() => _emulator.DisposeAsync();
}
