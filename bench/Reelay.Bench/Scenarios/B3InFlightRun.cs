using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Reelay.Bench.Servers;
using Reelay.Bench.Support;
using Reelay.Providers.Kling.Emulator;

namespace Reelay.Bench.Scenarios;

/// <summary>
/// One B3 run: a fresh Kling emulator in the bench process (generation 30–240 s divided by the time factor) and a
/// fresh <c>reelay serve</c> process relaying to it; N jobs created over HTTP as fast as 32 clients go, then
/// watched until every one is terminal. Reelay's peak RSS comes from its VmHWM; status calls and each task's
/// done time from the emulator; each job's completion time (ms) from Reelay's SQLite store after the run.
/// </summary>
public static class B3InFlightRun
{
    private const int Clients = 32;

    /// <summary>Sweep interval of the swept mode, in wall time (the lag it leaves is about half of it plus one query).</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    public static async Task<B3ModeResult> RunAsync(string dll, int jobs, double factor, B3Mode mode, CancellationToken ct)
    {
        var wall = Stopwatch.StartNew();
        await using var emulator = await KlingEmulator.StartAsync("http://127.0.0.1:0", new KlingEmulatorOptions
        {
            QueueTime = TimeSpan.Zero,
            GenerationTime = TimeSpan.FromSeconds(30),
            GenerationTimeMax = TimeSpan.FromSeconds(240),
            TimeCompression = factor,
            CallbackScanInterval = TimeSpan.FromMilliseconds(5),
        }, ct: ct);
        using var data = TempDir.Create("reelay-bench-b3");
        var port = ReelayServeProcess.FreePort();
        var settings = Settings(emulator, jobs, factor, mode == B3Mode.Callbacks ? $"http://127.0.0.1:{port}" : null,
            mode == B3Mode.Swept ? SweepInterval : TimeSpan.Zero);
        await using var server = await ReelayServeProcess.StartAsync(dll, data.Path, port, settings, ct);
        var token = server.AdminToken() ?? throw new InvalidOperationException("reelay printed no admin key:\n" + server.Output);

        var peakInFlight = 0;
        long rssAtPeak = 0;
        using var stopSampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stopSampling.IsCancellationRequested)
            {
                var inFlight = emulator.InFlight;
                if (inFlight > peakInFlight)
                {
                    peakInFlight = inFlight;
                    rssAtPeak = ProcStatus.ReadKb(server.Pid, "VmRSS") ?? 0;
                }
                try { await Task.Delay(250, stopSampling.Token); }
                catch (OperationCanceledException) { }
            }
        }, CancellationToken.None);

        var createClock = Stopwatch.StartNew();
        var failures = await CreateJobsAsync(server.BaseAddress, token, jobs, ct);
        var createTime = createClock.Elapsed;

        var db = Path.Combine(data.Path, "reelay.db");
        var lastEnd = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(240 / factor);
        var created = jobs - failures;
        while (await CountTerminalAsync(db, ct) < created)
        {
            if (DateTimeOffset.UtcNow > lastEnd + TimeSpan.FromSeconds(120))
                throw new TimeoutException($"B3: jobs still not terminal 120 s after the last upstream task ended:\n{server.Output}");
            await Task.Delay(500, ct);
        }
        await stopSampling.CancelAsync();
        await sampler;
        var peakRss = ProcStatus.ReadKb(server.Pid, "VmHWM") ?? 0;

        var timelines = emulator.Timelines();
        var endsAt = timelines.Where(t => t.ExternalTaskId is not null).ToDictionary(t => t.ExternalTaskId!, t => t.EndsAt.ToUnixTimeMilliseconds());
        var (lags, succeeded, other) = await ReadLagsAsync(db, endsAt, ct);
        var calls = timelines.Select(t => t.StatusCalls).Order().ToArray();
        return new B3ModeResult(mode, jobs, failures, createTime, peakInFlight, peakRss, rssAtPeak, succeeded, other,
            emulator.TotalCreates, emulator.TotalStatusCalls, emulator.ListCalls, calls.Length == 0 ? 0 : calls[calls.Length / 2], calls.Length == 0 ? 0 : calls[^1],
            emulator.CallbacksSent, Percentile(lags, 0.50), Percentile(lags, 0.95), Percentile(lags, 0.99), lags.Length == 0 ? 0 : lags[^1], wall.Elapsed);
    }

    private static Dictionary<string, string> Settings(KlingEmulator emulator, int jobs, double factor, string? publicBaseUrl, TimeSpan sweepInterval)
    {
        var settings = new Dictionary<string, string>
        {
            ["Reelay:Security:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Reelay:Security:AllowLoopback"] = "true",
            ["Reelay:Media:SkipRemoteIngest"] = "true",
            ["Reelay:Scheduler:MaxConcurrency"] = "64",
            ["Reelay:Upstreams:0:Name"] = "kling-emulator",
            ["Reelay:Upstreams:0:Type"] = "kling",
            ["Reelay:Upstreams:0:BaseUrl"] = emulator.BaseAddress.ToString(),
            ["Reelay:Upstreams:0:AccessKey"] = emulator.Options.AccessKey!,
            ["Reelay:Upstreams:0:SecretKey"] = emulator.Options.SecretKey,
            ["Reelay:Upstreams:0:MaxConcurrentJobs"] = (jobs * 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The upstream's clock runs `factor` times fast, so the poll planner's inputs (the typical 30–240 s and the
            // 30 s interval cap) are divided alike; the first poll follows from the typical minimum, as in production.
            ["Reelay:Upstreams:0:TypicalMinGeneration"] = TimeSpan.FromSeconds(30 / factor).ToString("c"),
            ["Reelay:Upstreams:0:TypicalMaxGeneration"] = TimeSpan.FromSeconds(240 / factor).ToString("c"),
            ["Reelay:Upstreams:0:MaxPollInterval"] = TimeSpan.FromSeconds(30 / factor).ToString("c"),
            // The status-call budget (default 20/s) protects real upstreams; the emulator needs none, and B3 measures calls per job.
            ["Reelay:Upstreams:0:MaxStatusCallsPerSecond"] = "100000",
            ["Reelay:Upstreams:0:SweepInterval"] = sweepInterval.ToString("c"),
            // Enough 500-task pages to read back over every task in flight.
            ["Reelay:Upstreams:0:SweepMaxPages"] = (jobs / 500 + 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (publicBaseUrl is not null) settings["Reelay:PublicBaseUrl"] = publicBaseUrl;
        return settings;
    }

    private static async Task<int> CreateJobsAsync(Uri baseAddress, string token, int jobs, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients, UseProxy = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var failures = 0;
        var errors = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, jobs), new ParallelOptions { MaxDegreeOfParallelism = Clients, CancellationToken = ct }, async (i, c) =>
        {
            using var body = new StringContent($$"""{"model":"kling-v1","prompt":"B3 job {{i}}: a red fox running through fresh snow","duration":5}""",
                Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("/v1/videos", body, c);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failures);
                if (errors.Count < 3) errors.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(c)}");
            }
        });
        if (failures > jobs / 100) throw new InvalidOperationException($"B3: {failures} of {jobs} creates failed, e.g. {string.Join(" | ", errors)}");
        return failures;
    }

    private static SqliteConnection Open(string db)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        return connection;
    }

    private static async Task<long> CountTerminalAsync(string db, CancellationToken ct)
    {
        await using var connection = Open(db);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM jobs WHERE status NOT IN ('queued', 'running')";
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Lag of each succeeded job: Reelay's completed_at − the emulator's done time for the task with that external id.</summary>
    private static async Task<(double[] Lags, int Succeeded, int Other)> ReadLagsAsync(string db, Dictionary<string, long> endsAt, CancellationToken ct)
    {
        await using var connection = Open(db);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, status, completed_at FROM jobs";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var lags = new List<double>();
        var other = 0;
        while (await reader.ReadAsync(ct))
        {
            if (reader.GetString(1) != "succeeded" || reader.IsDBNull(2) || !endsAt.TryGetValue(reader.GetString(0), out var end))
            {
                other++;
                continue;
            }
            lags.Add(reader.GetInt64(2) - end);
        }
        var sorted = lags.Order().ToArray();
        return (sorted, sorted.Length, other);
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
