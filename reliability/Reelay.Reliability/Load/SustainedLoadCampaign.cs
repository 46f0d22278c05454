using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Reelay.Bench.Load;
using Reelay.Bench.Servers;
using Reelay.Bench.Support;
using Reelay.Providers.Kling.Emulator;
using Reelay.Reliability.Campaigns;

namespace Reelay.Reliability.Load;

/// <summary>
/// Campaign 4, load: B1–B4 together, sustained, against one real <c>reelay serve</c> process (SQLite, workstation GC
/// as shipped): creates of no-op jobs that each carry a webhook, GETs by id over the jobs stored so far, and jobs
/// relayed to a Kling emulator (in flight for the emulated generation time, finished by its callbacks), all at fixed
/// offered rates (open loop, 64 connections each) with the webhooks delivered to a local receiver that verifies every
/// signature. Sampled per window; afterwards every acknowledged job must be stored, terminal and succeeded, and every
/// webhook received. Latency stability and memory growth are judged in the long mode only: a few seconds of windows
/// on a shared machine measure the neighbours, not the server.
/// </summary>
public sealed class SustainedLoadCampaign : ICampaign
{
    private const string LocalModel = "local";
    private const string RelayedModel = "kling-v1";
    private const double MaxP99Growth = 1.5;
    private const double MaxRssSlopeMbPerMinute = 4;

    public string Id => "load";

    public string Title => "Load: B1–B4 sustained together against one `reelay serve`";

    public async Task<CampaignResult> RunAsync(ReliabilityOptions options, CancellationToken ct)
    {
        var wall = Stopwatch.StartNew();
        var profile = options.Long ? LoadProfile.Long : LoadProfile.Short;
        var loadBefore = LoadAverage();
        await using var emulator = await KlingEmulator.StartAsync("http://127.0.0.1:0", new KlingEmulatorOptions
        {
            QueueTime = TimeSpan.Zero,
            GenerationTime = profile.GenerationMin,
            GenerationTimeMax = profile.GenerationMax,
            CallbackScanInterval = TimeSpan.FromMilliseconds(20),
        }, ct: ct);
        using var data = TempDir.Create("reelay-load");
        var port = ReelayServeProcess.FreePort();
        await using var server = await ReelayServeProcess.StartAsync(Path.Combine(AppContext.BaseDirectory, "reelay.dll"), data.Path, port,
            Settings(emulator, profile, port), ct);
        var admin = server.AdminToken() ?? throw new InvalidOperationException("reelay printed no admin key:\n" + server.Output);
        var (token, webhookSecret) = await CreateUserKeyAsync(server.BaseAddress, admin, ct);
        await using var receiver = await WebhookReceiver.StartAsync(webhookSecret);
        var startup = wall.Elapsed;

        var createBody = $$$"""{"model":"{{{LocalModel}}}","prompt":"load: a red fox running through fresh snow","duration":5,"webhook":{"url":"{{{receiver.Url}}}","events":["completed"]}}""";
        var relayedBody = $$"""{"model":"{{RelayedModel}}","prompt":"load: a lighthouse at dusk, relayed","duration":5}""";
        var seeded = await SeedAsync(server.BaseAddress, token, createBody, profile.SeedJobs, ct);
        var pool = seeded;

        using var creates = new LoadGenerator(server.BaseAddress, HttpStatusCode.Created, LoadProfile.Clients);
        using var reads = new LoadGenerator(server.BaseAddress, HttpStatusCode.OK, LoadProfile.Clients);
        using var relayed = new LoadGenerator(server.BaseAddress, HttpStatusCode.Created, LoadProfile.Clients);
        var windows = new List<LoadWindow>();
        var loadClock = Stopwatch.StartNew();
        long deliveredBefore = receiver.Deliveries;
        for (var i = 0; i < profile.Windows; i++)
        {
            var ids = pool;
            var c = Task.Run(() => creates.OpenLoopAsync(() => Post(token, createBody), profile.CreatesPerSecond, profile.Window, ct), ct);
            var r = Task.Run(() => reads.OpenLoopAsync(() => Get(token, ids), profile.ReadsPerSecond, profile.Window, ct), ct);
            var u = Task.Run(() => relayed.OpenLoopAsync(() => Post(token, relayedBody), profile.RelayedPerSecond, profile.Window, ct), ct);
            await Task.WhenAll(c, r, u);
            var delivered = receiver.Deliveries;
            windows.Add(new LoadWindow(i, loadClock.Elapsed, c.Result, r.Result, u.Result, delivered - deliveredBefore,
                ProcStatus.ReadKb(server.Pid, "VmRSS") ?? 0, LoadAverage()));
            deliveredBefore = delivered;
            // Reads reach every job stored so far: the seeded ones and each one whose webhook has arrived.
            pool = [.. seeded, .. receiver.Snapshot().Keys];
            Console.WriteLine($"    window {i + 1}/{profile.Windows}: {Describe(windows[^1])}");
        }
        var loadTime = loadClock.Elapsed;

        var acknowledgedLocal = seeded.Length + windows.Sum(w => w.Creates.Succeeded);
        var acknowledgedRelayed = windows.Sum(w => w.Relayed.Succeeded);
        var db = Path.Combine(data.Path, "reelay.db");
        var drain = await DrainAsync(db, receiver, acknowledgedLocal, profile.DrainLimit, ct);
        var audit = await JobAudit.ReadAsync(db, RelayedModel, receiver.Snapshot(), ct);
        var peakRssKb = ProcStatus.ReadKb(server.Pid, "VmHWM") ?? 0;
        return Report(options, profile, windows, audit, emulator, receiver, acknowledgedLocal, acknowledgedRelayed, startup, loadTime, drain, wall.Elapsed,
            loadBefore, peakRssKb);
    }

    private CampaignResult Report(ReliabilityOptions options, LoadProfile profile, List<LoadWindow> windows, JobAudit audit, KlingEmulator emulator,
        WebhookReceiver receiver, long acknowledgedLocal, long acknowledgedRelayed, TimeSpan startup, TimeSpan loadTime, TimeSpan drain, TimeSpan total,
        string loadBefore, long peakRssKb)
    {
        var measured = windows.Skip(1).ToList();
        var createGrowth = LoadTrend.LastThirdOverFirst([.. measured.Select(w => w.Creates.P99Ms)]);
        var readGrowth = LoadTrend.LastThirdOverFirst([.. measured.Select(w => w.Reads.P99Ms)]);
        var secondHalf = windows.Skip(windows.Count / 2).ToList();
        var rssSlope = LoadTrend.Slope([.. secondHalf.Select(w => w.EndsAt.TotalMinutes)], [.. secondHalf.Select(w => w.RssMb)]);
        var lostLocal = Math.Max(0, acknowledgedLocal - (audit.Stored - audit.StoredRelayed));
        var lostRelayed = Math.Max(0, acknowledgedRelayed - audit.StoredRelayed);
        var errors = windows.Sum(w => w.Errors);
        var firstError = windows.Select(w => w.Creates.FirstError ?? w.Reads.FirstError ?? w.Relayed.FirstError).FirstOrDefault(e => e is not null);

        var figures = new List<Figure>
        {
            Figure.AtMost("errors (non-2xx answers, timeouts, connection failures) over creates, reads and relayed creates", errors, 0),
            Figure.AtMost("webhook deliveries with a bad signature", receiver.BadSignatures, 0),
            Figure.AtMost("jobs lost: acknowledged but not stored, not terminal, or not succeeded after the drain",
                lostLocal + lostRelayed + audit.NotTerminal + audit.NotSucceeded, 0),
            Figure.AtMost("succeeded jobs whose completion webhook never arrived", audit.MissingWebhooks, 0),
            Judged("create p99, last third of windows ÷ first third (after warm-up)", createGrowth, MaxP99Growth, "0.00", "×", options.Long),
            Judged("read p99, last third of windows ÷ first third (after warm-up)", readGrowth, MaxP99Growth, "0.00", "×", options.Long),
            Judged("server RSS trend over the second half (least squares)", rssSlope, MaxRssSlopeMbPerMinute, "0.0", " MB/min", options.Long),
            Figure.Info("server RSS first window after warm-up → last window; peak (VmHWM)",
                Inv($"{measured.FirstOrDefault()?.RssMb ?? 0:N0} MB → {windows[^1].RssMb:N0} MB; peak {peakRssKb / 1024.0:N0} MB")),
            Figure.Info("webhook lag, completion (`completed_at`) → received, p50 / p99 / max",
                audit.WebhookLagsMs.Length == 0 ? "none received" : Inv($"{audit.LagPercentile(0.5):N0} / {audit.LagPercentile(0.99):N0} / {audit.WebhookLagsMs[^1]:N0} ms")),
            Figure.Info("create p50 / p99, all windows after warm-up (mean of windows)",
                Inv($"{measured.Average(w => w.Creates.P50Ms):0.0} / {measured.Average(w => w.Creates.P99Ms):0.0} ms")),
            Figure.Info("read p50 / p99, all windows after warm-up (mean of windows)",
                Inv($"{measured.Average(w => w.Reads.P50Ms):0.0} / {measured.Average(w => w.Reads.P99Ms):0.0} ms")),
            Figure.Info("throughput: creates / reads / relayed creates / webhook deliveries per second",
                Inv($"{windows.Sum(w => w.Creates.Succeeded) / loadTime.TotalSeconds:N0} / {windows.Sum(w => w.Reads.Succeeded) / loadTime.TotalSeconds:N0} / {acknowledgedRelayed / loadTime.TotalSeconds:N0} / {windows.Sum(w => w.Deliveries) / loadTime.TotalSeconds:N0}")),
            Figure.Info("load average (1/5/15 min) before → after", $"{loadBefore} → {windows[^1].LoadAverage}"),
        };
        var details = new List<string>
        {
            Inv($"One `reelay serve` process (the build output's reelay.dll, workstation GC, SQLite in a temp dir, scheduler `MaxConcurrency=64`, the no-op engine for model `{LocalModel}`) ") +
            Inv($"on {Environment.ProcessorCount} cores shared with this load generator, the Kling emulator and the webhook receiver (all in this process, Kestrel on 127.0.0.1). ") +
            Inv($"{profile.Windows} windows of {profile.Window.TotalSeconds:0} s ({profile.Duration.TotalMinutes:0.#} min, the first one the warm-up), open loop at fixed offered rates, ") +
            Inv($"{LoadProfile.Clients} connections per traffic kind: B1 creates `POST /v1/videos` (model `{LocalModel}`, each with a `completed` webhook) at {profile.CreatesPerSecond:N0}/s; ") +
            Inv($"B2 `GET /v1/videos/{{id}}` at {profile.ReadsPerSecond:N0}/s over the jobs stored so far ({profile.SeedJobs:N0} created before the run, then every job whose webhook has arrived); ") +
            Inv($"B3 relayed creates (model `{RelayedModel}` → the Kling emulator, generation {profile.GenerationMin.TotalSeconds:0}–{profile.GenerationMax.TotalSeconds:0} s, finished by its callbacks to `/v1/upstream-callbacks`, ingest skipped) at {profile.RelayedPerSecond:N0}/s, ") +
            Inv($"about {profile.RelayedPerSecond * (profile.GenerationMin + profile.GenerationMax).TotalSeconds / 2:N0} in flight (peak seen by the emulator is not sampled); ") +
            "B4 webhook deliveries to a receiver that verifies each Standard Webhooks signature. Latency is measured from each request's scheduled send time (no coordinated omission).",
            Inv($"After the load: drained for {drain.TotalSeconds:0.0} s (until no job is queued or running and every webhook arrived, limit {profile.DrainLimit.TotalSeconds:0} s). ") +
            Inv($"Acknowledged: {acknowledgedLocal:N0} local jobs, {acknowledgedRelayed:N0} relayed; stored {audit.Stored - audit.StoredRelayed:N0} local, {audit.StoredRelayed:N0} relayed; ") +
            Inv($"{audit.NotTerminal:N0} not terminal, {audit.NotSucceeded:N0} not succeeded; upstream tasks created {emulator.TotalCreates:N0} ({emulator.CallbacksSent:N0} callbacks sent); ") +
            Inv($"webhooks: {receiver.Deliveries:N0} valid deliveries for {receiver.DistinctJobs:N0} jobs ({receiver.Duplicates:N0} duplicates), {audit.MissingWebhooks:N0} missing."),
            Inv($"Wall clock: start-up (emulator, server to first 200 on /healthz, key, receiver) {startup.TotalSeconds:0.0} s, load {loadTime.TotalSeconds:0.0} s, whole campaign {total.TotalSeconds:0.0} s."),
        };
        if (firstError is not null) details.Add("First error: " + firstError);
        details.Add("Per window (creates p50/p99, reads p50/p99 in ms; relayed ok; deliveries; errors; server RSS; load average):");
        details.AddRange(windows.Select(w => Inv($"window {w.Index + 1}{(w.Index == 0 ? " (warm-up)" : "")}: ") + Describe(w)));
        return new CampaignResult(Id, Title, figures, details, firstError is null ? [] : [firstError]);
    }

    private static string Describe(LoadWindow w) => Inv(
        $"creates {w.Creates.Succeeded:N0} ok, {w.Creates.P50Ms:0.0}/{w.Creates.P99Ms:0.0} ms; reads {w.Reads.Succeeded:N0} ok, {w.Reads.P50Ms:0.0}/{w.Reads.P99Ms:0.0} ms; relayed {w.Relayed.Succeeded:N0} ok; {w.Deliveries:N0} deliveries; {w.Errors:N0} errors; RSS {w.RssMb:N0} MB; load {w.LoadAverage}");

    /// <summary>A "smaller is better" ratio or rate, judged in the long mode only (in the short one it is reported).</summary>
    private static Figure Judged(string name, double value, double max, string format, string unit, bool judged) =>
        new(name, value.ToString(format, CultureInfo.InvariantCulture) + unit,
            judged ? $"≤ {max.ToString(format, CultureInfo.InvariantCulture)}{unit}" : "— (judged in --long)", !judged || value <= max);

    private static Dictionary<string, string> Settings(KlingEmulator emulator, LoadProfile profile, int port) => new()
    {
        ["Reelay:Security:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Reelay:Security:AllowLoopback"] = "true",
        ["Reelay:Webhooks:AllowLoopback"] = "true",
        ["Reelay:EnableNoopEngine"] = "true",
        ["Reelay:DefaultEngine"] = "noop",
        ["Reelay:Media:SkipRemoteIngest"] = "true",
        ["Reelay:Scheduler:MaxConcurrency"] = "64",
        ["Reelay:PublicBaseUrl"] = $"http://127.0.0.1:{port}",
        ["Reelay:Upstreams:0:Name"] = "kling-emulator",
        ["Reelay:Upstreams:0:Type"] = "kling",
        ["Reelay:Upstreams:0:BaseUrl"] = emulator.BaseAddress.ToString(),
        ["Reelay:Upstreams:0:AccessKey"] = emulator.Options.AccessKey!,
        ["Reelay:Upstreams:0:SecretKey"] = emulator.Options.SecretKey,
        ["Reelay:Upstreams:0:MaxConcurrentJobs"] = "100000",
        ["Reelay:Upstreams:0:TypicalMinGeneration"] = profile.GenerationMin.ToString("c"),
        ["Reelay:Upstreams:0:TypicalMaxGeneration"] = profile.GenerationMax.ToString("c"),
        ["Reelay:Upstreams:0:MaxPollInterval"] = profile.GenerationMin.ToString("c"),
        ["Reelay:Upstreams:0:MaxStatusCallsPerSecond"] = "100000",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    private static async Task<(string Token, string WebhookSecret)> CreateUserKeyAsync(Uri baseAddress, string adminToken, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await http.PostAsJsonAsync("/v1/admin/keys", new { name = "load", role = "user" }, ct);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return (doc.RootElement.GetProperty("token").GetString()!, doc.RootElement.GetProperty("webhook_secret").GetString()!);
    }

    /// <summary>Jobs created before the load (so reads have ids from the first second); their ids.</summary>
    private static async Task<string[]> SeedAsync(Uri baseAddress, string token, string body, int count, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = LoadProfile.Clients, UseProxy = false }) { BaseAddress = baseAddress };
        var ids = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = LoadProfile.Clients, CancellationToken = ct }, async (i, c) =>
        {
            using var response = await http.SendAsync(Post(token, body), c);
            if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"seed create answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(c)}");
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(c));
            ids[i] = doc.RootElement.GetProperty("id").GetString()!;
        });
        return ids;
    }

    /// <summary>Waits until no job is queued or running and every local job's webhook arrived, or the limit passes; how long it took.</summary>
    private static async Task<TimeSpan> DrainAsync(string db, WebhookReceiver receiver, long localJobs, TimeSpan limit, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (receiver.DistinctJobs >= localJobs && await JobAudit.CountNotTerminalAsync(db, ct) == 0) break;
            await Task.Delay(100, ct);
        }
        return clock.Elapsed;
    }

    private static HttpRequestMessage Post(string token, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/videos") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static HttpRequestMessage Get(string token, string[] ids)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/videos/" + ids[Random.Shared.Next(ids.Length)]);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join('/', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
