using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Reelay.Credits;
using Reelay.Bench.Servers;
using Reelay.Emulation;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.Kling.Emulator;
using Reelay.Reliability.Campaigns;
using Reelay.Storage;
using Reelay.Storage.Blobs;
using Reelay.TestSupport;

namespace Reelay.Reliability.Crash;

/// <summary>
/// Campaign 1, crash: a real <c>reelay serve</c> relaying to a Kling emulator (create → submit → poll → ingest →
/// webhook, credits reserved and settled or refunded) under continuous client load is SIGKILLed at seeded random
/// moments — uniform over uptime and aimed at observable windows — and restarted on the same data, on SQLite and on
/// PostgreSQL. After the last restart everything settles, then: every job terminal and in the right terminal state,
/// no upstream task created twice, no acknowledged job lost, every terminal webhook delivered and signed, every
/// balance equal to its ledger sum with one reservation and one settle/refund per job, every served blob complete and
/// decodable, and no orphan or partial file in the blob store.
/// </summary>
public sealed class CrashCampaign : ICampaign
{
    private const double ContentRejectedShare = 0.15;
    private static readonly TimeSpan MaxUptime = TimeSpan.FromSeconds(2.5);
    private static readonly TimeSpan SettleDeadline = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan WebhookDeadline = TimeSpan.FromSeconds(40);

    public string Id => "crash";

    public string Title => "Crash: SIGKILL at random moments on SQLite and PostgreSQL, restart on the same data, nothing lost";

    public async Task<CampaignResult> RunAsync(ReliabilityOptions options, CancellationToken ct)
    {
        var (sqliteRuns, postgresRuns) = options.Long ? (120, 80) : (8, 4);
        var tally = new CrashTally();
        var clock = Stopwatch.StartNew();
        var sqlite = () => RunStoreAsync("SQLite", sqliteRuns, [], options.Seed, tally, options.Long, ct);
        var postgres = () => RunOnPostgresAsync(postgresRuns, options.Seed + 1, tally, options.Long, ct);
        // The long mode gives each store the machine to itself; the short mode (CI's time budget) runs both at once.
        string[] perStore = options.Long ? [await sqlite(), await postgres()] : await Task.WhenAll(sqlite(), postgres());
        var (restartFigures, restartDetail) = await RestartResumeProbe.RunAsync(ct);
        var result = Result(tally, clock.Elapsed, sqliteRuns, postgresRuns, [.. perStore, restartDetail], options.Long);
        return result with { Figures = [.. result.Figures, .. restartFigures] };
    }

    private static async Task<string> RunOnPostgresAsync(int iterations, int seed, CrashTally tally, bool longMode, CancellationToken ct)
    {
        var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        try
        {
            var database = await postgres.DatabaseAsync("reelay_crash");
            return await RunStoreAsync("PostgreSQL", iterations, new Dictionary<string, string>
            {
                ["Reelay:Storage:Provider"] = "postgres",
                ["Reelay:Storage:Postgres:ConnectionString"] = database,
            }, seed, tally, longMode, ct);
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    private static CampaignResult Result(CrashTally tally, TimeSpan elapsed, int sqliteRuns, int postgresRuns, IReadOnlyList<string> perStore, bool longMode)
    {
        var load = File.ReadAllText("/proc/loadavg").Split(' ');
        var figures = new List<Figure>
        {
            Figure.AtLeast("iterations (SIGKILL + restart on the same data)", tally.Iterations, sqliteRuns + postgresRuns),
            Figure.AtMost(CrashVerifier.NotTerminal, tally.Count(CrashVerifier.NotTerminal), 0),
            Figure.AtMost(CrashVerifier.WrongTerminal, tally.Count(CrashVerifier.WrongTerminal), 0),
            Figure.AtMost(CrashVerifier.SubmittedTwice, tally.Count(CrashVerifier.SubmittedTwice), 0),
            Figure.AtMost(CrashVerifier.Missing, tally.Count(CrashVerifier.Missing), 0),
            Figure.AtMost(CrashVerifier.WebhookMissing, tally.Count(CrashVerifier.WebhookMissing), 0),
            Figure.AtMost("webhook deliveries with a bad signature", tally.WebhooksBadSignature, 0),
            Figure.AtMost(CrashVerifier.BalanceMismatch, tally.Count(CrashVerifier.BalanceMismatch), 0),
            Figure.AtMost(CrashVerifier.LedgerWrong, tally.Count(CrashVerifier.LedgerWrong), 0),
            Figure.AtMost(CrashVerifier.BadBlob, tally.Count(CrashVerifier.BadBlob), 0),
            Figure.AtMost(CrashVerifier.Orphan, tally.Count(CrashVerifier.Orphan), 0),
            Figure.AtMost(CrashVerifier.WorkLeft, tally.Count(CrashVerifier.WorkLeft), 0),
            Figure.Info("kills per phase aimed at", string.Join("; ", KillSchedule.Phases.Select(p => $"{p} {tally.KillsByPhase.GetValueOrDefault(p)}"))),
            Figure.AtLeast("jobs created (201 acknowledged)", tally.JobsCreated, 1),
            Figure.Info("jobs in the stores (incl. creates whose answer the kill cut off)", tally.JobsInStore.ToString("N0", CultureInfo.InvariantCulture)),
            Figure.Info("terminal states: completed / failed (content rejected upstream) / canceled",
                $"{tally.Completed:N0} / {tally.Failed:N0} / {tally.Canceled:N0}"),
            Figure.AtLeast("refunds exercised (failed + canceled jobs)", tally.Failed + tally.Canceled, 1),
            Figure.Info("blobs fetched (every output URL) / decoded with ffmpeg", $"{tally.BlobsFetched:N0} / {tally.BlobsProbed:N0}"),
            Figure.Info("upstream creates / result downloads / client requests cut off by a kill",
                $"{tally.UpstreamCreates:N0} / {tally.ResultDownloads:N0} / {tally.CreatesLost:N0}"),
            Figure.Info("wall-clock time (load average 1/5/15 min)", $"{elapsed.TotalSeconds:0} s ({load[0]} / {load[1]} / {load[2]})"),
        };
        var details = new List<string>
        {
            $"Server: the Release `reelay serve` as a child process (`dotnet reelay.dll serve`), killed with SIGKILL and restarted on the same data dir and store; " +
            $"{sqliteRuns} iterations on SQLite {(longMode ? "then" : "alongside")} {postgresRuns} on PostgreSQL (a throwaway server from tests/Shared/PostgresServer.cs), each store with its own " +
            "server, emulator, receiver, key and seeded random source; blobs on the file system under the data dir. " +
            "Scheduler lease 2 s, webhook timeout 3 s and lease 5 s (so work a dead process held is taken up again within seconds).",
            $"Upstream: a Kling emulator in the campaign's process (300 ms queued, 1–2 s generating, 320×180 results, {ContentRejectedShare:P0} of tasks rejected by content policy); " +
            "it counts creates per external task id (the job id), so a job submitted twice shows.",
            "Load: two clients without pause between restarts — native `POST /v1/videos` (model kling-v1, webhook to a local receiver) and 20% cancels of recent jobs, " +
            "on a key topped up with credits (reserve at create, settle on success, refund on failure or cancel). A 201 or a cancel's 200 is a promise checked afterwards.",
            $"Kill moments (seeded): 40% uniform over 0.2–{MaxUptime.TotalSeconds:0.#} s of uptime; 60% aimed at a window seen from outside — right after a create POST, the upstream receiving a submit, " +
            "a result download starting (ingest: download, ffprobe, ffmpeg min + poster), a webhook arriving at the receiver (killed before it answers), a cancel just sent.",
            $"Afterwards: load stopped, every job polled to a terminal state (deadline {SettleDeadline.TotalSeconds:0} s) and its terminal webhook awaited ({WebhookDeadline.TotalSeconds:0} s); " +
            "every job read through the API, every output URL fetched and its length compared with the metadata, a sample decoded whole by ffmpeg; " +
            "the ledger checked on the store (what `reelay doctor` runs) and per job; then one more start (after the start-up sweep's grace) and stop, " +
            "and every file under `blobs/` matched against the jobs' outputs, every directory under `work/` against the unfinished jobs.",
        };
        details.AddRange(perStore);
        return new CampaignResult("crash", "Crash: SIGKILL at random moments on SQLite and PostgreSQL, restart on the same data, nothing lost", figures, details, tally.Findings);
    }

    private static async Task<string> RunStoreAsync(string storeName, int iterations, Dictionary<string, string> storeSettings, int seed, CrashTally tally, bool longMode,
        CancellationToken ct)
    {
        var random = new Random(seed);
        await using var emulator = await KlingEmulator.StartAsync("http://127.0.0.1:0", new KlingEmulatorOptions
        {
            QueueTime = TimeSpan.FromMilliseconds(300),
            GenerationTime = TimeSpan.FromSeconds(1),
            GenerationTimeMax = TimeSpan.FromSeconds(2),
            ResultVideoSize = "320x180",
            Faults = new EmulatorFaults { ContentRejected = ContentRejectedShare, Seed = seed },
        });
        var dataDir = Directory.CreateTempSubdirectory("reelay-crash-").FullName;
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = Settings(emulator, storeSettings);
        var clock = Stopwatch.StartNew();
        var server = await StartServeAsync(dataDir, settings, ct);
        ReelayServeProcess? running = server;
        try
        {
            var admin = server.AdminToken() ?? throw new InvalidOperationException("no admin key printed:\n" + server.Output);
            var (token, keyId, secret) = await CreateMeteredKeyAsync(server.BaseAddress, admin, ct);
            receiver.Secret = secret;
            var load = new CrashLoad(token, receiver.Url, seed);
            load.Server = server.BaseAddress;
            using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var loadTask = load.RunAsync(stopLoad.Token);
            var schedule = new KillSchedule(random, load, emulator, receiver);
            var lastKill = TimeSpan.Zero;
            for (var i = 0; i < iterations; i++)
            {
                var phase = await schedule.WaitForMomentAsync(MaxUptime, ct);
                await server.DisposeAsync(); // SIGKILL
                running = null;
                tally.KillsByPhase.AddOrUpdate(phase, 1, (_, n) => n + 1);
                Interlocked.Increment(ref tally.Iterations);
                lastKill = clock.Elapsed;
                running = server = await StartServeAsync(dataDir, settings, ct);
                load.Server = server.BaseAddress;
            }
            var killing = clock.Elapsed;
            await stopLoad.CancelAsync();
            await loadTask;

            using var host = ReelayHost.BuildEmbedded(dataDir, [], settings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));
            var store = host.Services.GetRequiredService<IJobStore>();
            using var http = Client(server.BaseAddress, token);
            var acknowledged = load.Acknowledged.ToHashSet(StringComparer.Ordinal);
            var ids = (await CrashVerifier.AllJobsAsync(store, keyId, ct)).Select(j => j.Id).Concat(acknowledged).ToHashSet(StringComparer.Ordinal);
            var settled = await SettleAsync(store, ids, receiver, ct);
            var verifier = new CrashVerifier(tally, emulator, receiver, random);
            await verifier.CheckServedAsync(http, ids, acknowledged, load.CancelAcknowledged.ToHashSet(StringComparer.Ordinal), longMode ? 40 : 8, ct);
            await server.DisposeAsync();
            running = null;
            // One more start once the start-up sweep's grace has passed since the last kill: what the product promises to
            // clean after a crash is cleaned by then, so whatever is left is a leak.
            while (clock.Elapsed < lastKill + PartialWriteSweep.Grace + TimeSpan.FromSeconds(1)) await Task.Delay(100, ct);
            running = await StartServeAsync(dataDir, settings, ct);
            await running.DisposeAsync();
            running = null;

            var jobs = await CrashVerifier.AllJobsAsync(store, keyId, ct);
            await verifier.CheckLedgerAsync(host.Services.GetRequiredService<ICreditStore>(), jobs, ct);
            verifier.CheckOrphans(Path.Combine(dataDir, "blobs"), jobs);
            verifier.CheckWorkDirectories(Path.Combine(dataDir, "work"), jobs);

            Interlocked.Add(ref tally.JobsCreated, acknowledged.Count);
            Interlocked.Add(ref tally.JobsInStore, jobs.Count);
            Interlocked.Add(ref tally.CreatesLost, load.Lost);
            Interlocked.Add(ref tally.CancelsAcknowledged, load.CancelAcknowledged.Count);
            Interlocked.Add(ref tally.WebhooksBadSignature, receiver.BadSignatures);
            Interlocked.Add(ref tally.UpstreamCreates, emulator.TotalCreates);
            Interlocked.Add(ref tally.ResultDownloads, emulator.ResultDownloads);
            return $"{storeName}: {iterations} kills in {killing.TotalSeconds:0} s, {acknowledged.Count:N0} creates acknowledged ({jobs.Count:N0} jobs in the store), " +
                   $"{load.CancelAcknowledged.Count:N0} cancels acknowledged, {load.Lost:N0} client requests cut off; everything settled {settled.TotalSeconds:0.0} s after the last restart.";
        }
        finally
        {
            if (running is not null) await running.DisposeAsync();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Polls the store until every job is terminal and has its terminal webhook, or the deadlines pass (the verifier then reports what is missing).</summary>
    private static async Task<TimeSpan> SettleAsync(IJobStore store, IReadOnlyCollection<string> ids, WebhookReceiver receiver, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var pending = ids.ToList();
        while (clock.Elapsed < SettleDeadline)
        {
            var still = new List<string>();
            var allTerminal = true;
            foreach (var id in pending)
            {
                var job = await store.GetAsync(id, ct);
                allTerminal &= job?.Status.IsTerminal() == true;
                if (job is null || !job.Status.IsTerminal() || !receiver.TypesFor(id).Contains(TerminalType(job.Status))) still.Add(id);
            }
            pending = still;
            // Jobs must all end; webhooks get their own, shorter wait once the jobs have ended (the verifier reports what is missing).
            if (pending.Count == 0 || allTerminal && clock.Elapsed > WebhookDeadline) break;
            await Task.Delay(250, ct);
        }
        return clock.Elapsed;
    }

    private static string TerminalType(JobStatus status) => status switch
    {
        JobStatus.Succeeded => "video.completed",
        JobStatus.Canceled => "video.canceled",
        _ => "video.failed",
    };

    private static Dictionary<string, string> Settings(KlingEmulator emulator, Dictionary<string, string> storeSettings)
    {
        var settings = new Dictionary<string, string>
        {
            ["Reelay:Security:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Reelay:Security:AllowLoopback"] = "true",
            ["Reelay:Scheduler:LeaseDuration"] = "00:00:02",
            ["Reelay:Scheduler:IdlePollInterval"] = "00:00:00.200",
            ["Reelay:Upstreams:0:Name"] = "kling-a",
            ["Reelay:Upstreams:0:Type"] = "kling",
            ["Reelay:Upstreams:0:BaseUrl"] = emulator.BaseAddress.ToString(),
            ["Reelay:Upstreams:0:AccessKey"] = emulator.Options.AccessKey!,
            ["Reelay:Upstreams:0:SecretKey"] = emulator.Options.SecretKey,
            ["Reelay:Upstreams:0:FirstPollAfter"] = "00:00:00.500",
            ["Reelay:Upstreams:0:MaxPollInterval"] = "00:00:01",
            // A kill during a delivery leaves its message leased to the dead process until the lease ends, then it is sent
            // again: short here, so that happens well inside the webhook wait. (These were once set without the "Reelay:"
            // prefix, so the 60 s default applied and the short mode failed whenever such a kill came late.)
            ["Reelay:Webhooks:Timeout"] = "00:00:03",
            ["Reelay:Webhooks:LeaseDuration"] = "00:00:05",
            ["Reelay:Webhooks:IdleInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in storeSettings) settings[k] = v;
        return settings;
    }

    /// <summary>A user key (its token, id and webhook secret) created through the admin API and topped up, so every job reserves credits.</summary>
    private static async Task<(string Token, string KeyId, string WebhookSecret)> CreateMeteredKeyAsync(Uri server, string adminToken, CancellationToken ct)
    {
        using var http = Client(server, adminToken);
        using var created = await http.PostAsync("/v1/admin/keys", Json("""{"name":"crash-client","role":"user"}"""), ct);
        created.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await created.Content.ReadAsStringAsync(ct));
        var root = doc.RootElement;
        var keyId = root.GetProperty("key").GetProperty("id").GetString()!;
        using var topUp = await http.PostAsync($"/v1/admin/keys/{keyId}/credits", Json("""{"amount":1000000}"""), ct);
        topUp.EnsureSuccessStatusCode();
        return (root.GetProperty("token").GetString()!, keyId, root.GetProperty("webhook_secret").GetString()!);
    }

    /// <summary>The Release <c>reelay serve</c> built next to this program, on a fresh loopback port; disposing it is a SIGKILL.</summary>
    private static Task<ReelayServeProcess> StartServeAsync(string dataDir, IReadOnlyDictionary<string, string> settings, CancellationToken ct) =>
        ReelayServeProcess.StartAsync(Path.Combine(AppContext.BaseDirectory, "reelay.dll"), dataDir, ReelayServeProcess.FreePort(), settings, ct);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static HttpClient Client(Uri server, string token)
    {
        var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
