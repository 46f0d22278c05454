using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Data.Sqlite;
using Reelay.Bench.Load;
using Reelay.Bench.Reporting;
using Reelay.Bench.Servers;
using Reelay.Jobs;
using Reelay.Scheduling;
using Reelay.Storage;
using Reelay.Webhooks;

namespace Reelay.Bench.Scenarios;

/// <summary>
/// B4: webhook fan-out to a local receiver (<see cref="WebhookReceiver"/>: Kestrel on loopback, verifies every
/// signature, records when each job's delivery arrived). Two parts on one in-process Reelay (no-op engine):
/// a burst — N queued jobs with a webhook are made due at once, the scheduler completes them and the dispatcher
/// delivers them (deliveries/s from the first to the last arrival) — and a steady part — jobs created over HTTP
/// at a fixed rate, each completed at once, where completion (the job's <c>completed_at</c>) → received is the lag.
/// No baseline exists for this one (docs/benchmark-plan.md): absolute targets.
/// </summary>
public sealed class B4WebhookFanOut : IScenario
{
    private const double MinDeliveriesPerSecond = 2_000;
    private const double MaxLagP99Ms = 50;
    private const double SteadyRate = 1_000;

    public string Id => "B4";
    public string Title => "webhook fan-out to a local receiver (noop engine, signatures verified)";

    public async Task<ScenarioResult> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var burst = options.Quick ? 5_000 : 50_000;
        var loadBefore = LoadAverage();
        await using var reelay = await ReelayInProcess.StartAsync(ct, new Dictionary<string, string?>
        {
            ["Reelay:Webhooks:AllowLoopback"] = "true",
        });
        await using var receiver = await WebhookReceiver.StartAsync(reelay.Key.WebhookSecret);
        var store = reelay.Services.GetRequiredService<IJobStore>();

        // Warm-up: a few hundred jobs through the whole path (JIT, connection pool to the receiver).
        await SteadyAsync(reelay, receiver, "B4 warm-up", 300, TimeSpan.FromSeconds(1), ct);

        var inserted = await InsertParkedJobsAsync(reelay, receiver.Url, burst, ct);
        var burstStartMs = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        await ReleaseAsync(reelay, ct);
        var wall = Stopwatch.StartNew();
        await WaitForDeliveriesAsync(receiver, inserted, TimeSpan.FromSeconds(options.Quick ? 90 : 600), ct);
        var burstWall = wall.Elapsed;
        var arrivals = inserted.Select(id => receiver.FirstReceivedMs(id)!.Value).Order().ToArray();
        var completions = await CompletedAtAsync(store, inserted, ct);
        var firstArrival = arrivals[0];
        var lastArrival = arrivals[^1];
        var deliveriesPerSecond = (inserted.Count - 1) * 1000.0 / Math.Max(1, lastArrival - firstArrival);
        var completionsPerSecond = (completions.Count - 1) * 1000.0 / Math.Max(1, completions.Max() - completions.Min());
        // Deliveries still owed when the scheduler finished the burst: 0 means the dispatcher kept pace and the
        // deliveries/s above is the completion rate; a backlog means the dispatcher was the slower of the two.
        var lastCompletion = completions.Max();
        var backlogAtLastCompletion = arrivals.Count(a => a > lastCompletion);
        var burstLags = inserted.Select((id, i) => (double)(receiver.FirstReceivedMs(id)!.Value - completions[i])).Order().ToArray();

        var steadyDuration = options.LoadDuration;
        var (steadyIds, steadyLoad) = await SteadyAsync(reelay, receiver, "B4 steady", SteadyRate, steadyDuration, ct);
        await WaitForDeliveriesAsync(receiver, steadyIds, TimeSpan.FromSeconds(60), ct);
        var steadyCompleted = await CompletedAtAsync(store, steadyIds, ct);
        var lags = steadyIds.Select((id, i) => (double)(receiver.FirstReceivedMs(id)!.Value - steadyCompleted[i])).Order().ToArray();
        var lagP50 = Percentile(lags, 0.50);
        var lagP99 = Percentile(lags, 0.99);

        var details = new List<string>
        {
            "Reelay's server in the bench process (`ReelayHost.BuildServer`, SQLite in a temp dir, no-op engine, scheduler `MaxConcurrency=32`, " +
            "webhook dispatcher with its defaults: `Reelay:Webhooks:MaxConcurrency=64`, `AllowLoopback=true`). Receiver: a second Kestrel on 127.0.0.1 " +
            "in the same process that verifies each Standard Webhooks signature against the key's `whsec_` secret (HMAC-SHA256 of `id.timestamp.body`) " +
            "and answers 204. Each job's webhook is `{url, events: [\"completed\"]}`: one delivery per job.",
            $"Burst: {burst:N0} queued jobs inserted through `IJobStore.CreateAsync` with a webhook and `next_run_at` parked an hour ahead, then made due at once " +
            "(one UPDATE) and the scheduler kicked. The scheduler completes them (no-op engine, each completion enqueues its outbox message in the same transaction) " +
            $"while the dispatcher delivers: completions {completionsPerSecond:N0}/s; deliveries {deliveriesPerSecond:N0}/s from the first arrival to the last " +
            $"({(lastArrival - firstArrival) / 1000.0:0.00} s; first arrival {firstArrival - burstStartMs} ms after the release; all {burst:N0} received in {burstWall.TotalSeconds:0.0} s). " +
            $"Deliveries still owed when the last job completed: {backlogAtLastCompletion:N0} (arrived after it, {(lastArrival - lastCompletion) / 1000.0:0.00} s of tail). " +
            $"Lag during the burst (backlog included, not judged): p50 {Percentile(burstLags, 0.5):N0} ms, p99 {Percentile(burstLags, 0.99):N0} ms.",
            $"Steady: `POST /v1/videos` with the webhook, open loop at {SteadyRate:N0}/s offered for {steadyDuration.TotalSeconds:0} s: creates {steadyLoad.Summary}. " +
            $"Completion → received over {lags.Length:N0} jobs (the job's `completed_at` in ms from the store − the receiver's clock at arrival, same machine clock): " +
            $"p50 {lagP50:N0} ms, p99 {lagP99:N0} ms, max {lags[^1]:N0} ms.",
            $"Receiver: {receiver.Deliveries:N0} valid deliveries (warm-up included), {receiver.Duplicates:N0} duplicates, {receiver.BadSignatures:N0} bad signatures.",
            $"Machine load (`/proc/loadavg`, 1/5/15 min) at the start → end of the scenario: {loadBefore} → {LoadAverage()} (other work shares the 2 cores).",
        };
        return new ScenarioResult(Id, Title,
        [
            Check.AtLeast($"{deliveriesPerSecond:N0} deliveries/s (burst of {burst:N0}; completions {completionsPerSecond:N0}/s)", "—", "—", "≥ 2,000/s",
                deliveriesPerSecond, MinDeliveriesPerSecond, "/s"),
            Check.AtMost($"completion→received p50 {lagP50:N0} ms, p99 {lagP99:N0} ms at {SteadyRate:N0} jobs/s", "—", "—", "p99 ≤ 50 ms", lagP99, MaxLagP99Ms, " ms", "0"),
        ], details);
    }

    /// <summary>
    /// Creates jobs with the webhook over HTTP at <paramref name="perSecond"/> (open loop), all with the prompt
    /// <paramref name="marker"/>; their ids are read back from the store by that prompt.
    /// </summary>
    private static async Task<(List<string> Ids, LoadResult Load)> SteadyAsync(ReelayInProcess reelay, WebhookReceiver receiver, string marker, double perSecond,
        TimeSpan duration, CancellationToken ct)
    {
        using var load = new LoadGenerator(reelay.BaseAddress, HttpStatusCode.Created, 64);
        var body = $$$"""{"model":"local","prompt":"{{{marker}}}","duration":5,"webhook":{"url":"{{{receiver.Url}}}","events":["completed"]}}""";
        var token = reelay.Key.Token;
        var result = await load.OpenLoopAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/videos") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
        }, perSecond, duration, ct);
        if (result.Failed > 0) throw new InvalidOperationException($"B4: {result.Failed} creates failed: {result.FirstError}");
        var store = reelay.Services.GetRequiredService<IJobStore>();
        var owner = reelay.Key.Key.Id.ToString();
        var ids = new List<string>();
        string? before = null;
        while (true)
        {
            var page = await store.ListAsync(new JobQuery(owner, BeforeId: before, Limit: 500, PromptContains: marker), ct);
            if (page.Count == 0) break;
            ids.AddRange(page.Where(j => j.Request.Prompt == marker).Select(j => j.Id));
            before = page[^1].Id;
        }
        return (ids, result);
    }

    /// <summary>Inserts queued jobs whose first step is an hour away, so none runs until <see cref="ReleaseAsync"/>.</summary>
    private static async Task<List<string>> InsertParkedJobsAsync(ReelayInProcess reelay, Uri hook, int count, CancellationToken ct)
    {
        var store = reelay.Services.GetRequiredService<IJobStore>();
        var owner = reelay.Key.Key.Id.ToString();
        var webhook = new WebhookTarget(hook.ToString(), [WebhookEvents.Completed]);
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var now = TimeProvider.System.GetUtcNow();
            var job = new VideoJob
            {
                Id = Guid.CreateVersion7(now).ToString(),
                OwnerKeyId = owner,
                Request = new VideoRequest { Model = "local", Prompt = $"B4 burst job {i}", DurationSeconds = 5, Webhook = webhook },
                Engine = "noop",
                CreatedAt = now,
                UpdatedAt = now,
                DeadlineAt = now.AddHours(2),
                NextRunAt = now.AddHours(1),
            };
            var result = await store.CreateAsync(job, ct);
            if (result.Outcome != CreateOutcome.Created) throw new InvalidOperationException($"insert {i} returned {result.Outcome}");
            ids.Add(job.Id);
        }
        return ids;
    }

    /// <summary>Makes every parked job due now in one write and wakes the scheduler.</summary>
    private static async Task ReleaseAsync(ReelayInProcess reelay, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(reelay.DataDir, "reelay.db") }.ToString());
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 30000; UPDATE jobs SET next_run_at = $now WHERE status = 'queued'";
        command.Parameters.AddWithValue("$now", TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(ct);
        reelay.Services.GetRequiredService<SchedulerSignal>().Kick();
    }

    private static async Task WaitForDeliveriesAsync(WebhookReceiver receiver, IReadOnlyCollection<string> ids, TimeSpan limit, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (ids.Any(id => receiver.FirstReceivedMs(id) is null))
        {
            if (clock.Elapsed > limit)
                throw new TimeoutException($"B4: {ids.Count(id => receiver.FirstReceivedMs(id) is null):N0} of {ids.Count:N0} webhooks not received within {limit.TotalSeconds:0} s");
            await Task.Delay(100, ct);
        }
    }

    /// <summary>Each job's completed_at (Unix ms), in the order of <paramref name="ids"/>.</summary>
    private static async Task<List<long>> CompletedAtAsync(IJobStore store, IEnumerable<string> ids, CancellationToken ct)
    {
        var result = new List<long>();
        foreach (var id in ids)
        {
            var job = await store.GetAsync(id, ct) ?? throw new InvalidOperationException($"job {id} vanished");
            result.Add(job.CompletedAt?.ToUnixTimeMilliseconds() ?? throw new InvalidOperationException($"job {id} is {job.Status} without completed_at"));
        }
        return result;
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

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
