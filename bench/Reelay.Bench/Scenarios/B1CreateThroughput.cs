using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Reelay.Bench.Load;
using Reelay.Bench.Reporting;
using Reelay.Bench.Servers;
using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.Bench.Scenarios;

/// <summary>
/// B1: POST /v1/videos (native, small body) with 64 concurrent clients against the in-process server
/// (SQLite in a temp dir, noop engine, scheduler running), then p99 at 1,000/s offered (open loop).
/// Baseline: <see cref="BareServer"/>'s constant-200 POST under the same generator.
/// </summary>
public sealed class B1CreateThroughput : IScenario
{
    private const int Clients = 64;
    private const double OfferedRate = 1000;
    private static readonly byte[] Body = """{"model":"local","prompt":"A red fox running through fresh snow","duration":5}"""u8.ToArray();

    public string Id => "B1";
    public string Title => "create jobs over HTTP (64 clients, SQLite, noop engine)";

    public async Task<ScenarioResult> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var details = new List<string>();
        await using var bare = await BareServer.StartAsync();
        await using var reelay = await ReelayInProcess.StartAsync(ct);
        var token = reelay.Key.Token;

        Func<HttpRequestMessage> bareRequest = () => Post(null);
        Func<HttpRequestMessage> createRequest = () => Post(token);

        using var bareLoad = new LoadGenerator(bare.BaseAddress, HttpStatusCode.OK, Clients);
        using var reelayLoad = new LoadGenerator(reelay.BaseAddress, HttpStatusCode.Created, Clients);

        await bareLoad.ClosedLoopAsync(bareRequest, Clients, options.WarmupDuration, ct);
        await reelayLoad.ClosedLoopAsync(createRequest, Clients, options.WarmupDuration, ct);
        await DrainAsync(reelay, details, "warm-up", ct);

        var bareClosed = await bareLoad.ClosedLoopAsync(bareRequest, Clients, options.LoadDuration, ct);
        var closed = await reelayLoad.ClosedLoopAsync(createRequest, Clients, options.LoadDuration, ct);
        var backlog = await DrainAsync(reelay, details, "closed loop", ct);

        var bareOpen = await bareLoad.OpenLoopAsync(bareRequest, OfferedRate, options.LoadDuration, ct);
        var open = await reelayLoad.OpenLoopAsync(createRequest, OfferedRate, options.LoadDuration, ct);
        await DrainAsync(reelay, details, "open loop", ct);

        details.Insert(0, $"Closed loop, {Clients} clients, {options.LoadDuration.TotalSeconds:0} s after {options.WarmupDuration.TotalSeconds:0} s warm-up per target: " +
                          $"Reelay {closed.Summary}; bare Kestrel {bareClosed.Summary}.");
        details.Insert(1, $"Open loop at {OfferedRate:N0}/s offered for {options.LoadDuration.TotalSeconds:0} s, latency from the scheduled send time: " +
                          $"Reelay {open.Summary}; bare Kestrel {bareOpen.Summary}.");
        details.Insert(2, "Body `" + Encoding.UTF8.GetString(Body) + "`, `Authorization: Bearer` with a user key, no Idempotency-Key; " +
                          "the noop scheduler completes the created jobs concurrently (same process, same cores), and each phase waits for " +
                          "that backlog to drain before the next one starts.");
        if (backlog.Completed > 0)
            details.Add($"Scheduler after the closed loop: {backlog.Queued:N0} jobs still queued/running when the load stopped, drained in {backlog.Drain.TotalSeconds:0.0} s.");

        var ratio = closed.PerSecond / bareClosed.PerSecond;
        return new ScenarioResult(Id, Title,
        [
            Check.AtLeast($"{closed.PerSecond:N0} creates/s (p50 {closed.P50Ms:0.0} ms, p99 {closed.P99Ms:0.0} ms)",
                $"{bareClosed.PerSecond:N0} req/s (p50 {bareClosed.P50Ms:0.0} ms, p99 {bareClosed.P99Ms:0.0} ms)",
                ratio.ToString("0.00×", CultureInfo.InvariantCulture), "≥ 5,000 creates/s", closed.PerSecond, 5000, "/s"),
            Check.AtMost($"p99 {open.P99Ms:0.00} ms at {OfferedRate:N0}/s offered", $"p99 {bareOpen.P99Ms:0.00} ms",
                (open.P99Ms / bareOpen.P99Ms).ToString("0.0×", CultureInfo.InvariantCulture), "p99 ≤ 15 ms at 1,000/s", open.P99Ms, 15, " ms"),
            Check.AtLeast($"{closed.PerSecond:N0} creates/s", $"{bareClosed.PerSecond:N0} req/s",
                ratio.ToString("0.0%", CultureInfo.InvariantCulture), "≥ 25% of baseline", ratio * 100, 25, " points", "0.0"),
        ], details);
    }

    private static HttpRequestMessage Post(string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/videos") { Content = new ByteArrayContent(Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private sealed record Backlog(long Queued, long Completed, TimeSpan Drain);

    /// <summary>Waits (up to 2 minutes) until the scheduler has finished every job created so far.</summary>
    private static async Task<Backlog> DrainAsync(ReelayInProcess reelay, List<string> details, string phase, CancellationToken ct)
    {
        var store = reelay.Services.GetRequiredService<IJobStore>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long initial = -1;
        while (true)
        {
            var counts = await store.CountByStatusAsync(ct);
            var pending = counts.GetValueOrDefault(JobStatus.Queued) + counts.GetValueOrDefault(JobStatus.Running);
            if (initial < 0) initial = pending;
            if (pending == 0)
            {
                var failed = counts.GetValueOrDefault(JobStatus.Failed);
                if (failed > 0) details.Add($"After the {phase}: {failed:N0} jobs failed (noop engine) — see the server's warnings.");
                return new Backlog(initial, counts.GetValueOrDefault(JobStatus.Succeeded), clock.Elapsed);
            }
            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                details.Add($"After the {phase}: {pending:N0} jobs still pending after 2 minutes; the next phase ran on top of them.");
                return new Backlog(initial, counts.GetValueOrDefault(JobStatus.Succeeded), clock.Elapsed);
            }
            await Task.Delay(100, ct);
        }
    }
}
