using System.Globalization;
using Reelay.Bench.Reporting;
using Reelay.Bench.Support;

namespace Reelay.Bench.Scenarios;

/// <summary>
/// B3: many jobs in flight at once against the emulated Kling upstream, three ways: per-task polling only; polling
/// plus the task-list sweep (no callbacks); Kling callbacks to <c>/v1/upstream-callbacks</c>. No baseline exists for this one (docs/benchmark-plan.md): absolute targets.
/// Ingest is switched off (<c>Reelay:Media:SkipRemoteIngest</c>): a job completes when Reelay sees the upstream's success.
/// </summary>
public sealed class B3InFlight(string repoRoot) : IScenario
{
    private const double MaxRssMb = 600;
    private const double MaxCallsPerJob = 6;
    private const double MaxPolledP95Ms = 2000;
    private const double MaxCallbackP99Ms = 100;

    public string Id => "B3";
    public string Title => "jobs in flight against the emulated Kling upstream (ingest excluded)";

    public async Task<ScenarioResult> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var jobs = options.Quick ? 10_000 : 100_000;
        var factor = options.Quick ? 8.0 : 2.0;
        var (dll, took) = await ReelayPublish.EnsureAsync(repoRoot, ct);
        Console.WriteLine($"    {jobs:N0} jobs, time factor {factor}: per-task polling only...");
        var perTask = await B3InFlightRun.RunAsync(dll, jobs, factor, B3Mode.Polled, ct);
        Console.WriteLine($"    polling with the task-list sweep...");
        var polled = await B3InFlightRun.RunAsync(dll, jobs, factor, B3Mode.Swept, ct);
        Console.WriteLine($"    with callbacks...");
        var called = await B3InFlightRun.RunAsync(dll, jobs, factor, B3Mode.Callbacks, ct);

        var details = new List<string>
        {
            $"{jobs:N0} jobs per run{(options.Quick ? " (quick; the full run uses 100,000)" : "")}. Emulated Kling upstream in the bench process: no queue time, " +
            $"generation time uniform in 30–240 s divided by a time factor of {factor:0.#} ({30 / factor:0.##}–{240 / factor:0.#} s of wall time), " +
            "every task succeeds, callbacks scanned every 5 ms. Reelay: the published `reelay serve` in its own process (workstation GC), fresh SQLite data dir per run, " +
            $"`Reelay:Scheduler:MaxConcurrency=64` (engine steps here are HTTP calls, not ffmpeg), upstream `MaxConcurrentJobs` = 2 × jobs, " +
            $"`TypicalMinGeneration`/`TypicalMaxGeneration`/`MaxPollInterval` = 30/240/30 s ÷ {factor:0.#} (the model's figures on the compressed clock; the " +
            "first poll and the spacing come from the shared poll planner), `MaxStatusCallsPerSecond` unbounded (the budget protects real upstreams). " +
            $"Task-list sweep (`SweepInterval`, Kling `GET /v1/videos/text2video?pageNum&pageSize=500`, both kinds): off in the per-task and callback runs, " +
            $"{B3InFlightRun.SweepInterval.TotalSeconds:0.#} s (wall) in the swept run, `SweepMaxPages` = jobs ÷ 500 + 2. Status calls per job count every single-task query and every list page.",
            "**Excluded: ingest.** `Reelay:Media:SkipRemoteIngest=true` (benchmark-only, off by default) completes a job the moment the upstream's success is " +
            "seen, with no download, no ffmpeg and empty outputs; 100,000 ffmpeg ingests cannot run on 2 cores. Lag = Reelay's `completed_at` (ms, from its store) " +
            "− the emulator's done time of that task (its timeline, same machine clock), i.e. upstream success → Reelay observed it.",
            $"Jobs created over HTTP (`POST /v1/videos`, model kling-v1, 5 s, 32 clients on the same cores) while the scheduler submits them; the upstream starts each task's clock at its submit.",
        };
        if (took > TimeSpan.Zero) details.Add($"`dotnet publish src/Reelay.Cli -c Release` took {took.TotalSeconds:0} s (not measured).");
        foreach (var r in new[] { perTask, polled, called }) details.Add(Describe(r));

        var runs = new[] { perTask, polled, called };
        var peakRssMb = runs.Max(r => r.PeakRssKb) / 1024.0;
        return new ScenarioResult(Id, Title,
        [
            Check.AtMost($"peak RSS {peakRssMb:N0} MB (VmHWM, {jobs:N0} jobs; peak in flight {runs.Max(r => r.PeakInFlight):N0})", "—", "—",
                "RSS ≤ 600 MB", peakRssMb, MaxRssMb, " MB", "N0"),
            Check.AtMost($"status calls/job: {polled.StatusCallsPerJob:0.00} polled with sweep; {perTask.StatusCallsPerJob:0.00} per-task polling; " +
                $"{called.StatusCallsPerJob:0.00} with callbacks", "—", "—",
                "≤ 6 status calls/job", runs.Max(r => r.StatusCallsPerJob), MaxCallsPerJob, " calls"),
            Check.AtMost($"polled lag (with sweep) p50 {Sec(polled.LagP50)}, p95 {Sec(polled.LagP95)}; per-task polling only p95 {Sec(perTask.LagP95)}", "—", "—",
                "p95 ≤ 2 s polled", polled.LagP95 / 1000, MaxPolledP95Ms / 1000, " s"),
            Check.AtMost($"callback lag p50 {Ms(called.LagP50)}, p99 {Ms(called.LagP99)}", "—", "—", "p99 ≤ 100 ms with callbacks", called.LagP99, MaxCallbackP99Ms, " ms", "0"),
        ], details);
    }

    private static string Describe(B3ModeResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Mode switch { B3Mode.Callbacks => "With callbacks (`Reelay:PublicBaseUrl` set, Kling `callback_url` → `/v1/upstream-callbacks/kling/{id}`)", B3Mode.Swept => "Polling with the task-list sweep", _ => "Per-task polling only" }}: " +
        $"{r.Jobs:N0} created in {r.CreateTime.TotalSeconds:0.0} s ({r.Jobs / r.CreateTime.TotalSeconds:N0}/s, {r.CreateFailures} failed); peak {r.PeakInFlight:N0} tasks in flight upstream " +
        $"(Reelay RSS {r.RssAtPeakInFlightKb / 1024.0:N0} MB then); peak RSS (VmHWM) {r.PeakRssKb / 1024.0:N0} MB; {r.Succeeded:N0} succeeded, {r.NotSucceeded} not; " +
        $"{r.UpstreamCreates:N0} upstream creates; {r.StatusCalls:N0} single-task queries + {r.ListCalls:N0} list pages = {r.StatusCallsPerJob:0.00} calls/job " +
        $"(queries per task p50 {r.StatusCallsP50}, max {r.StatusCallsMax}); " +
        $"{r.CallbacksSent:N0} callbacks sent; lag p50 {Ms(r.LagP50)}, p95 {Ms(r.LagP95)}, p99 {Ms(r.LagP99)}, max {Ms(r.LagMax)}; run took {r.Wall.TotalSeconds:0} s.");

    private static string Ms(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms:N0} ms");

    private static string Sec(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms / 1000:0.00} s");
}
