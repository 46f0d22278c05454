using Reelay.Emulation;
using System.Net.Http.Json;
using System.Text.Json;
using Reelay.IntegrationTests.Support;
using Reelay.Providers.Kling.Emulator;

namespace Reelay.IntegrationTests.Upstreams;

/// <summary>
/// Jobs relayed to Kling upstreams — the emulator over real HTTP on loopback — from the native API and from
/// another dialect; failover, concurrency limits and exactly-one submission per job.
/// </summary>
public sealed class KlingRelayTests
{
    private static KlingEmulatorOptions FastEmulator(EmulatorFaults? faults = null, int? maxConcurrent = null) => new()
    {
        QueueTime = TimeSpan.FromMilliseconds(300),
        GenerationTime = TimeSpan.FromSeconds(2),
        TimeCompression = 1,
        MaxConcurrentTasks = maxConcurrent,
        Faults = faults ?? new EmulatorFaults(),
    };

    private static Dictionary<string, string?> Upstream(int index, string name, KlingEmulator emulator, int priority = 1, int max = 10) => new()
    {
        [$"Reelay:Upstreams:{index}:Name"] = name,
        [$"Reelay:Upstreams:{index}:Type"] = "kling",
        [$"Reelay:Upstreams:{index}:BaseUrl"] = emulator.BaseAddress.ToString(),
        [$"Reelay:Upstreams:{index}:AccessKey"] = emulator.Options.AccessKey,
        [$"Reelay:Upstreams:{index}:SecretKey"] = emulator.Options.SecretKey,
        [$"Reelay:Upstreams:{index}:Priority"] = priority.ToString(),
        [$"Reelay:Upstreams:{index}:MaxConcurrentJobs"] = max.ToString(),
        [$"Reelay:Upstreams:{index}:FirstPollAfter"] = "00:00:00.500",
        [$"Reelay:Upstreams:{index}:MaxPollInterval"] = "00:00:01",
    };

    private static Dictionary<string, string?> Merge(params Dictionary<string, string?>[] parts) =>
        parts.SelectMany(p => p).ToDictionary(kv => kv.Key, kv => kv.Value);

    [Fact]
    public async Task NativeJob_KlingModel_RelayedToUpstreamOnceAndIngested()
    {
        await using var emulator = await KlingEmulator.StartAsync("http://127.0.0.1:0", FastEmulator());
        await using var server = await ReelayTestServer.StartAsync(Upstream(0, "kling-a", emulator));
        using var http = server.Http(server.User);

        var id = (await Json.PostAsync(http, "/v1/videos", new { model = "kling-v1", prompt = "relayed fox", duration = 5 })).GetProperty("id").GetString()!;
        var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(60));

        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(1, emulator.SubmissionsFor(id));
        var raw = done.GetProperty("outputs").GetProperty("raw");
        Assert.Equal(1280, raw.GetProperty("width").GetInt32());
        using var anonymous = server.Http();
        var bytes = await anonymous.GetByteArrayAsync(raw.GetProperty("url").GetString());
        Assert.Equal(raw.GetProperty("bytes").GetInt64(), bytes.LongLength);

        using var events = await http.GetAsync($"/v1/videos/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        var timeline = (await Sse.ReadAllAsync(events, TimeSpan.FromSeconds(30))).Select(e => e.Event).ToList();
        Assert.Equal(["created", "started", "submitting", "submitted"], timeline.Take(4));
        Assert.Equal("succeeded", timeline[^1]);
    }

    [Fact]
    public async Task HiggsfieldRequest_RelayedToKlingUpstream_CompletesInHiggsfieldShape()
    {
        await using var emulator = await KlingEmulator.StartAsync("http://127.0.0.1:0", FastEmulator());
        await using var server = await ReelayTestServer.StartAsync(Upstream(0, "kling-a", emulator));
        using var hf = server.Http();
        hf.DefaultRequestHeaders.Add("hf-api-key", server.User.Key.Id.ToString());
        hf.DefaultRequestHeaders.Add("hf-secret", server.User.Secret);

        var jobSet = await Json.PostAsync(hf, "/generate/kling-2-5",
            new { @params = new { model = "kling-v2-5-turbo", prompt = "A peaceful mountain landscape with flowing river", duration = 5, enhance_prompt = true } });
        var id = jobSet.GetProperty("id").GetString()!;
        var finished = await Eventually.ReturnsAsync(() => hf.GetFromJsonAsync<JsonElement>($"/v1/job-sets/{id}"),
            j => j.GetProperty("jobs")[0].GetProperty("status").GetString() is "completed" or "failed", TimeSpan.FromSeconds(60), "job set finishing");

        Assert.Equal("completed", finished.GetProperty("jobs")[0].GetProperty("status").GetString());
        Assert.Equal(1, emulator.SubmissionsFor(id));
        Assert.Equal(1, emulator.TotalCreates);
    }

    [Fact]
    public async Task FirstUpstreamFailing_JobFailsOverToSecondAndSubmittedOnce()
    {
        await using var broken = await KlingEmulator.StartAsync("http://127.0.0.1:0", FastEmulator(new EmulatorFaults { Create5xx = 1.0 }));
        await using var healthy = await KlingEmulator.StartAsync("http://127.0.0.1:0", FastEmulator());
        await using var server = await ReelayTestServer.StartAsync(Merge(Upstream(0, "primary", broken, priority: 1), Upstream(1, "backup", healthy, priority: 2)));
        using var http = server.Http(server.User);

        var id = (await Json.PostAsync(http, "/v1/videos", new { model = "kling-v1", prompt = "failover", duration = 5 })).GetProperty("id").GetString()!;
        var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(60));

        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(0, broken.SubmissionsFor(id));
        Assert.Equal(1, healthy.SubmissionsFor(id));
        using var admin = server.Http(server.Admin);
        var upstreams = await Json.GetAsync(admin, "/v1/upstreams");
        var primary = upstreams.GetProperty("data").EnumerateArray().Single(u => u.GetProperty("name").GetString() == "primary");
        Assert.NotEqual(0, primary.GetProperty("recent_errors").GetArrayLength());
        using var user = await server.Http(server.User).GetAsync("/v1/upstreams");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, user.StatusCode);
    }

    [Fact]
    public async Task UpstreamConcurrencyLimit_NeverExceededAndEveryJobCompletes()
    {
        await using var emulator = await KlingEmulator.StartAsync("http://127.0.0.1:0", FastEmulator());
        await using var server = await ReelayTestServer.StartAsync(Upstream(0, "kling-a", emulator, max: 1));
        using var http = server.Http(server.User);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add((await Json.PostAsync(http, "/v1/videos", new { model = "kling-v1", prompt = $"limited {i}", duration = 5 })).GetProperty("id").GetString()!);

        var peak = 0;
        using var watch = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!watch.IsCancellationRequested)
            {
                peak = Math.Max(peak, emulator.InFlight);
                await Task.Delay(20);
            }
        });
        foreach (var id in ids) Assert.Equal("completed", (await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(90))).GetProperty("status").GetString());
        await watch.CancelAsync();
        await watcher;

        Assert.Equal(1, peak);
        Assert.All(ids, id => Assert.Equal(1, emulator.SubmissionsFor(id)));
    }
}
