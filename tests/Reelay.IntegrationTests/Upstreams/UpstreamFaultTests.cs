using Reelay.Emulation;
using Reelay.IntegrationTests.Support;
using Reelay.Providers.ApiFrame.Emulator;
using Reelay.Providers.Higgsfield.Emulator;
using Reelay.Providers.Highway.Emulator;
using Reelay.Providers.HyprLab.Emulator;
using Reelay.Providers.Leonardo.Emulator;
using Reelay.Providers.Kling.Emulator;

namespace Reelay.IntegrationTests.Upstreams;

/// <summary>Every fault an emulator can inject ends each job relayed through it in a correct terminal state with a clear reason.</summary>
public sealed class UpstreamFaultTests
{
    private static Dictionary<string, string?> Settings(KlingEmulator emulator, string deadline) => new()
    {
        ["Reelay:Scheduler:JobDeadline"] = deadline,
        ["Reelay:Scheduler:RetryDelay"] = "00:00:00.200",
        ["Reelay:Upstreams:0:Name"] = "kling-a",
        ["Reelay:Upstreams:0:Type"] = "kling",
        ["Reelay:Upstreams:0:BaseUrl"] = emulator.BaseAddress.ToString(),
        ["Reelay:Upstreams:0:AccessKey"] = emulator.Options.AccessKey,
        ["Reelay:Upstreams:0:SecretKey"] = emulator.Options.SecretKey,
        ["Reelay:Upstreams:0:FirstPollAfter"] = "00:00:00.300",
        ["Reelay:Upstreams:0:MaxPollInterval"] = "00:00:00.500",
        // A breaker opening would only delay these jobs; this test is about outcomes, not routing.
        ["Reelay:Upstreams:0:FailureRatio"] = "1",
        ["Reelay:Upstreams:0:BreakDuration"] = "00:00:00.500",
    };

    [Fact]
    public async Task EveryFaultAtOnce_EachJobCompletesOrFailsWithReason_NeverSubmittedTwice()
    {
        await using var emulator = await KlingEmulator.StartAsync("http://127.0.0.1:0", new KlingEmulatorOptions
        {
            QueueTime = TimeSpan.FromMilliseconds(200),
            GenerationTime = TimeSpan.FromSeconds(1),
            ResultVideoSize = SmallVideo,
            Faults = new EmulatorFaults
            {
                Create5xx = 0.2, Create429 = 0.2, ConnectionReset = 0.15, MalformedJson = 0.15, SchemaChanged = 0.1,
                ContentRejected = 0.15, FailTask = 0.15, TruncatedDownload = 0.2, Seed = 7,
            },
        });
        await using var server = await ReelayTestServer.StartAsync(Settings(emulator, "00:00:40"));
        using var http = server.Http(server.User);
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
            ids.Add((await Json.PostAsync(http, "/v1/videos", new { model = "kling-v1", prompt = $"fault {i}", duration = 5 })).GetProperty("id").GetString()!);

        var outcomes = new List<(string Status, string? Code, string? Message)>();
        foreach (var id in ids)
        {
            var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(90));
            var status = done.GetProperty("status").GetString()!;
            var error = done.GetProperty("error");
            outcomes.Add((status, error.ValueKind == System.Text.Json.JsonValueKind.Null ? null : error.GetProperty("code").GetString(),
                error.ValueKind == System.Text.Json.JsonValueKind.Null ? null : error.GetProperty("message").GetString()));
            Assert.True(emulator.SubmissionsFor(id) <= 1, $"job {id} was submitted {emulator.SubmissionsFor(id)} times");
        }

        Assert.All(outcomes, o =>
        {
            Assert.Contains(o.Status, new[] { "completed", "failed" });
            if (o.Status == "failed")
            {
                Assert.False(string.IsNullOrWhiteSpace(o.Message));
                Assert.Contains(o.Code, new[] { "content_rejected", "engine_failed", "deadline_exceeded", "ingest_failed" });
            }
        });
        Assert.Contains(outcomes, o => o.Status == "completed");
        // Which tasks the emulator rejected depends on the order requests reach its seeded dice (timing), so the check
        // follows the emulator's own record: every job whose task was rejected for content reports content_rejected.
        var rejected = emulator.Timelines().Where(t => t.ContentRejected && t.ExternalTaskId is not null).Select(t => t.ExternalTaskId!).ToHashSet();
        Assert.All(ids.Select((id, i) => (id, outcome: outcomes[i])).Where(x => rejected.Contains(x.id)),
            x => Assert.Equal("content_rejected", x.outcome.Code));
        Assert.DoesNotContain("secret", string.Join(" ", outcomes.Select(o => o.Message)), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Every shared fault at once, each at a modest rate, seeded so a run is repeatable.</summary>
    private static EmulatorFaults AllFaults() => new()
    {
        Create5xx = 0.15, Create429 = 0.15, CreateTimeout = 0.1, CreateTimeoutDelay = TimeSpan.FromSeconds(2),
        ConnectionReset = 0.1, MalformedJson = 0.1, SchemaChanged = 0.1, ContentRejected = 0.15, FailTask = 0.1,
        SlowDownload = 0.15, SlowDownloadBytesPerSecond = 2 * 1024 * 1024, TruncatedDownload = 0.15, Seed = 11,
    };

    private static readonly TimeSpan Queue = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Generation = TimeSpan.FromSeconds(1);
    /// <summary>Outcomes are what these tests check, not ingest: small results keep the ffmpeg work down.</summary>
    private const string SmallVideo = "320x180";

    /// <summary>Starts <paramref name="type"/>'s emulator with every fault on; returns it, the upstream settings and a model it serves.</summary>
    private static async Task<(IAsyncDisposable Emulator, Dictionary<string, string?> Upstream, string Model)> StartAsync(string type)
    {
        var upstream = new Dictionary<string, string?>
        {
            ["Reelay:Upstreams:0:Name"] = type + "-a",
            ["Reelay:Upstreams:0:Type"] = type,
            ["Reelay:Upstreams:0:SecretKey"] = "unused",
            ["Reelay:Upstreams:0:FirstPollAfter"] = "00:00:00.300",
            ["Reelay:Upstreams:0:MaxPollInterval"] = "00:00:00.500",
            ["Reelay:Upstreams:0:FailureRatio"] = "1",
            ["Reelay:Upstreams:0:BreakDuration"] = "00:00:00.500",
        };
        IAsyncDisposable emulator;
        Uri address;
        string model;
        switch (type)
        {
            case "higgsfield":
                var hf = await HiggsfieldEmulator.StartAsync("http://127.0.0.1:0", new HiggsfieldEmulatorOptions { QueueTime = Queue, GenerationTime = Generation, ResultVideoSize = SmallVideo, Faults = AllFaults() });
                (emulator, address, model) = (hf, hf.BaseAddress, "kling-v2-5-turbo");
                upstream["Reelay:Upstreams:0:AccessKey"] = hf.Options.ApiKey;
                upstream["Reelay:Upstreams:0:SecretKey"] = hf.Options.Secret;
                break;
            case "highway":
                var hw = await HighwayEmulator.StartAsync("http://127.0.0.1:0", new HighwayEmulatorOptions { QueueTime = Queue, GenerationTime = Generation, ResultVideoSize = SmallVideo, Faults = AllFaults() });
                (emulator, address, model) = (hw, hw.BaseAddress, "kling-v2-5-turbo");
                upstream["Reelay:Upstreams:0:AccessKey"] = hw.Options.ApiKey;
                break;
            case "hyprlab":
                var hl = await HyprLabEmulator.StartAsync("http://127.0.0.1:0", new HyprLabEmulatorOptions { QueueTime = Queue, GenerationTime = Generation, ResultVideoSize = SmallVideo, Faults = AllFaults() });
                (emulator, address, model) = (hl, hl.BaseAddress, "kling-v1-6");
                upstream["Reelay:Upstreams:0:AccessKey"] = hl.Options.ApiKey;
                break;
            case "leonardo":
                var leo = await LeonardoEmulator.StartAsync("http://127.0.0.1:0", new LeonardoEmulatorOptions { QueueTime = Queue, GenerationTime = Generation, ResultVideoSize = SmallVideo, Faults = AllFaults() });
                (emulator, address, model) = (leo, leo.BaseAddress, "kling-v2-5-turbo");
                upstream["Reelay:Upstreams:0:AccessKey"] = leo.Options.ApiKey;
                break;
            default:
                var af = await ApiFrameEmulator.StartAsync("http://127.0.0.1:0", new ApiFrameEmulatorOptions { QueueTime = Queue, GenerationTime = Generation, ResultVideoSize = SmallVideo, Faults = AllFaults() });
                (emulator, address, model) = (af, af.BaseAddress, "kling-v1");
                upstream["Reelay:Upstreams:0:AccessKey"] = af.Options.ApiKey;
                break;
        }
        upstream["Reelay:Upstreams:0:BaseUrl"] = address.ToString();
        upstream["Reelay:Upstreams:0:Models:0"] = model;
        return (emulator, upstream, model);
    }

    [Theory]
    [InlineData("higgsfield")]
    [InlineData("highway")]
    [InlineData("hyprlab")]
    [InlineData("apiframe")]
    [InlineData("leonardo")]
    public async Task EveryFaultAtOnce_EachAdapter_EachJobCompletesOrFailsWithClearCode(string type)
    {
        var (emulator, upstream, model) = await StartAsync(type);
        await using var _ = emulator;
        upstream["Reelay:Scheduler:JobDeadline"] = "00:00:40";
        upstream["Reelay:Scheduler:RetryDelay"] = "00:00:00.200";
        await using var server = await ReelayTestServer.StartAsync(upstream);
        using var http = server.Http(server.User);
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
            ids.Add((await Json.PostAsync(http, "/v1/videos", new { model, prompt = $"fault {i}", duration = 5 })).GetProperty("id").GetString()!);

        var outcomes = new List<(string Status, string? Code, string? Message)>();
        foreach (var id in ids)
        {
            var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(90));
            var error = done.GetProperty("error");
            var failed = error.ValueKind != System.Text.Json.JsonValueKind.Null;
            outcomes.Add((done.GetProperty("status").GetString()!, failed ? error.GetProperty("code").GetString() : null,
                failed ? error.GetProperty("message").GetString() : null));
        }

        Assert.All(outcomes, o =>
        {
            Assert.Contains(o.Status, new[] { "completed", "failed" });
            if (o.Status == "failed")
            {
                Assert.False(string.IsNullOrWhiteSpace(o.Message));
                Assert.Contains(o.Code, new[] { "content_rejected", "engine_failed", "deadline_exceeded", "ingest_failed", "upstream_unavailable" });
            }
        });
        Assert.Contains(outcomes, o => o.Status == "completed");
        Assert.DoesNotContain(outcomes, o => o.Message?.Contains("secret", StringComparison.OrdinalIgnoreCase) == true);
    }
}
