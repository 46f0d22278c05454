using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Reelay.Bench.Diagnostics;
using Reelay.Bench.Load;
using Reelay.Bench.Reporting;
using Reelay.Bench.Servers;
using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.Bench.Scenarios;

/// <summary>
/// B2: GET /v1/videos/{id} for random ids among N stored jobs (100k full, 20k quick), 64 concurrent clients.
/// Jobs are inserted through <see cref="IJobStore.CreateAsync"/> as already completed (with outputs, so every
/// answer carries three signed links), which keeps the scheduler idle during the reads.
/// Baseline: <see cref="BareServer"/>'s constant-200 GET under the same generator.
/// </summary>
public sealed class B2ReadById : IScenario
{
    private const int Clients = 64;

    public string Id => "B2";
    public string Title => "GET /v1/videos/{id} over stored jobs (64 clients)";

    public async Task<ScenarioResult> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var jobCount = options.Quick ? 20_000 : 100_000;
        await using var bare = await BareServer.StartAsync();
        await using var reelay = await ReelayInProcess.StartAsync(ct);
        var (ids, insertTime) = await InsertCompletedJobsAsync(reelay, jobCount, ct);

        var token = reelay.Key.Token;
        Func<HttpRequestMessage> bareRequest = () => new HttpRequestMessage(HttpMethod.Get, "/v1/videos/" + ids[Random.Shared.Next(ids.Length)]);
        Func<HttpRequestMessage> getRequest = () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/v1/videos/" + ids[Random.Shared.Next(ids.Length)]);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
        };

        using var bareLoad = new LoadGenerator(bare.BaseAddress, HttpStatusCode.OK, Clients);
        using var reelayLoad = new LoadGenerator(reelay.BaseAddress, HttpStatusCode.OK, Clients);
        await bareLoad.ClosedLoopAsync(bareRequest, Clients, options.WarmupDuration, ct);
        await reelayLoad.ClosedLoopAsync(getRequest, Clients, options.JitWarmupDuration, ct);
        // The baseline brackets the Reelay run (before and after, averaged) against drift on a shared machine.
        var before = await bareLoad.ClosedLoopAsync(bareRequest, Clients, options.LoadDuration, ct);
        var reads = await reelayLoad.ClosedLoopAsync(getRequest, Clients, options.LoadDuration, ct);
        var after = await bareLoad.ClosedLoopAsync(bareRequest, Clients, options.LoadDuration, ct);
        var bareRate = (before.PerSecond + after.PerSecond) / 2;
        var bareP99 = (before.P99Ms + after.P99Ms) / 2;

        var stages = await ReadPathBreakdown.MeasureAsync(reelay.Services, token, ids, reelay.BaseAddress.ToString().TrimEnd('/'), options.Quick ? 20_000 : 100_000, ct);

        var ratio = reads.PerSecond / bareRate;
        var details = new List<string>
        {
            $"{jobCount:N0} completed jobs inserted through `IJobStore.CreateAsync` (one transaction each, not over HTTP) in " +
            $"{insertTime.TotalSeconds:0.0} s ({jobCount / insertTime.TotalSeconds:N0}/s), all owned by the key that reads them.",
            $"Closed loop, {Clients} clients, {options.LoadDuration.TotalSeconds:0} s after a warm-up of {options.JitWarmupDuration.TotalSeconds:0} s (Reelay) / " +
            $"{options.WarmupDuration.TotalSeconds:0} s (bare), " +
            $"uniformly random ids: Reelay {reads.Summary}; bare Kestrel before {before.Summary}; bare Kestrel after {after.Summary}; " +
            "baseline = mean of the two.",
            $"Core time per request if client and server keep both cores busy: Reelay {2e6 / reads.PerSecond:0} µs, bare {2e6 / bareRate:0} µs; " +
            $"the difference, {2e6 / reads.PerSecond - 2e6 / bareRate:0} µs, is roughly Reelay's own work per read.",
            "Stopwatch breakdown of that work, one thread, services called directly (no HTTP): " +
            string.Join("; ", stages.Select(s => s.MicrosPerCall > 0 ? $"{s.Name} {s.MicrosPerCall:0.0} µs" : s.Name)) + ".",
        };
        return new ScenarioResult(Id, Title,
        [
            Check.AtLeast($"{reads.PerSecond:N0} reads/s (p99 {reads.P99Ms:0.0} ms)", $"{bareRate:N0} req/s (p99 {bareP99:0.0} ms)",
                ratio.ToString("0.0%", CultureInfo.InvariantCulture), "≥ 50% of baseline", ratio * 100, 50, " points", "0.0"),
        ], details);
    }

    private static async Task<(string[] Ids, TimeSpan Elapsed)> InsertCompletedJobsAsync(ReelayInProcess reelay, int count, CancellationToken ct)
    {
        var store = reelay.Services.GetRequiredService<IJobStore>();
        var time = TimeProvider.System;
        var owner = reelay.Key.Key.Id.ToString();
        var outputs = new JobOutputs(
            new VideoOutput("bench/shared/raw.mp4", "video/mp4", 1_234_567, 5.0, 1280, 720, "h264"),
            new VideoOutput("bench/shared/min.mp4", "video/mp4", 456_789, 5.0, 1280, 720, "h264"),
            new VideoOutput("bench/shared/poster.jpg", "image/jpeg", 45_678, null, 1280, 720, "mjpeg"));
        var ids = new string[count];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var now = time.GetUtcNow();
            var job = new VideoJob
            {
                Id = Guid.CreateVersion7(now).ToString(),
                OwnerKeyId = owner,
                Request = new VideoRequest { Model = "local", Prompt = $"Stored job {i}: a lighthouse at dusk", DurationSeconds = 5, Seed = i },
                Engine = "noop",
                Status = JobStatus.Succeeded,
                Stage = JobStage.Done,
                Progress = 100,
                Outputs = outputs,
                Attempts = 1,
                CreatedAt = now,
                UpdatedAt = now,
                StartedAt = now,
                CompletedAt = now,
                DeadlineAt = now.AddMinutes(30),
                NextRunAt = null,
            };
            var result = await store.CreateAsync(job, ct);
            if (result.Outcome != CreateOutcome.Created) throw new InvalidOperationException($"insert {i} returned {result.Outcome}");
            ids[i] = job.Id;
        }
        return (ids, clock.Elapsed);
    }
}
