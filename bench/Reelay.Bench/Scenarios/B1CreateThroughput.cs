using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Reelay.Bench.Diagnostics;
using Reelay.Bench.Load;
using Reelay.Bench.Reporting;
using Reelay.Bench.Servers;
using Reelay.Storage;

namespace Reelay.Bench.Scenarios;

/// <summary>
/// B1: POST /v1/videos (native, small body) against the in-process server (SQLite in a temp dir, noop engine,
/// scheduler running): capacity with 64 closed-loop clients, and latency at 1,000/s offered (open loop).
/// Each Reelay measurement gets a fresh server and data dir so neither inherits the other's backlog.
/// Baseline: <see cref="BareServer"/>'s constant-200 POST under the same generator.
/// A third run with the scheduler disabled isolates the create path (reported as a detail, not a target).
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
        var window = $"{options.LoadDuration.TotalSeconds:0} s after {options.WarmupDuration.TotalSeconds:0} s warm-up";

        // The baseline brackets the Reelay runs (before and after, averaged) so drift on a shared machine
        // (neighbours' load, tiered JIT) does not land on one side of the ratio only.
        await using var bare = await BareServer.StartAsync();
        using var bareLoad = new LoadGenerator(bare.BaseAddress, HttpStatusCode.OK, Clients);
        Func<HttpRequestMessage> bareRequest = () => Post(null);
        await bareLoad.ClosedLoopAsync(bareRequest, Clients, options.WarmupDuration, ct);
        var bareBefore = await bareLoad.ClosedLoopAsync(bareRequest, Clients, options.LoadDuration, ct);
        var bareOpen = await bareLoad.OpenLoopAsync(bareRequest, OfferedRate, options.LoadDuration, ct);

        await using (var throwaway = await ReelayInProcess.StartAsync(ct))
        using (var load = new LoadGenerator(throwaway.BaseAddress, HttpStatusCode.Created, Clients))
        {
            var token = throwaway.Key.Token;
            await load.ClosedLoopAsync(() => Post(token), Clients, options.JitWarmupDuration, ct);
        }

        var closed = await MeasureAsync(options, details, "closed loop", schedulerOn: true,
            (load, request) => load.ClosedLoopAsync(request, Clients, options.LoadDuration, ct), probeClaim: true, ct);
        var open = await MeasureAsync(options, details, "open loop", schedulerOn: true,
            (load, request) => load.OpenLoopAsync(request, OfferedRate, options.LoadDuration, ct), probeClaim: false, ct);
        IReadOnlyList<string> breakdown = [];
        var createOnly = await MeasureAsync(options, details, "closed loop, scheduler disabled", schedulerOn: false,
            (load, request) => load.ClosedLoopAsync(request, Clients, options.LoadDuration, ct), probeClaim: false, ct,
            async server => breakdown = await CreatePathBreakdown.MeasureAsync(server.Services, server.Key.Token, Body, options.Quick ? 8_000 : 40_000, ct));

        var bareAfter = await bareLoad.ClosedLoopAsync(bareRequest, Clients, options.LoadDuration, ct);
        var bareRate = (bareBefore.PerSecond + bareAfter.PerSecond) / 2;
        var bareP50 = (bareBefore.P50Ms + bareAfter.P50Ms) / 2;
        var bareP99 = (bareBefore.P99Ms + bareAfter.P99Ms) / 2;

        details.Insert(0, $"Closed loop, {Clients} clients, {window}: Reelay {closed.Summary}; bare Kestrel before {bareBefore.Summary}; " +
                          $"bare Kestrel after {bareAfter.Summary}; baseline = mean of the two.");
        details.Insert(1, $"Open loop at {OfferedRate:N0}/s offered, {window}, latency from the scheduled send time: " +
                          $"Reelay {open.Summary}; bare Kestrel {bareOpen.Summary}.");
        details.Insert(2, $"Create path alone (`Reelay:Scheduler:Enabled=false`, closed loop, {Clients} clients): {createOnly.Summary} " +
                          $"= {createOnly.PerSecond / bareRate:0.0%} of baseline. Stopwatch breakdown on that server's services, one thread, no HTTP: " +
                          string.Join("; ", breakdown) + ".");
        details.Insert(3, "Body `" + Encoding.UTF8.GetString(Body) + "`, `Authorization: Bearer` with a user key, no Idempotency-Key. " +
                          $"Before the first Reelay run, {options.JitWarmupDuration.TotalSeconds:0} s of the same load on a throwaway server (tiered JIT). " +
                          "Each Reelay run uses a fresh server and data dir; the scheduler completes the created jobs with the noop engine " +
                          "in the same process, on the same cores, while the load runs.");

        var ratio = closed.PerSecond / bareRate;
        return new ScenarioResult(Id, Title,
        [
            Check.AtLeast($"{closed.PerSecond:N0} creates/s (p50 {closed.P50Ms:0.0} ms, p99 {closed.P99Ms:0.0} ms)",
                $"{bareRate:N0} req/s (p50 {bareP50:0.0} ms, p99 {bareP99:0.0} ms)",
                ratio.ToString("0.00×", CultureInfo.InvariantCulture), "≥ 5,000 creates/s", closed.PerSecond, 5000, "/s"),
            Check.AtMost($"p99 {open.P99Ms:0.00} ms at {OfferedRate:N0}/s offered", $"p99 {bareOpen.P99Ms:0.00} ms",
                (open.P99Ms / bareOpen.P99Ms).ToString("0.0×", CultureInfo.InvariantCulture), "p99 ≤ 15 ms at 1,000/s", open.P99Ms, 15, " ms"),
            Check.AtLeast($"{closed.PerSecond:N0} creates/s", $"{bareRate:N0} req/s",
                ratio.ToString("0.0%", CultureInfo.InvariantCulture), "≥ 25% of baseline", ratio * 100, 25, " points", "0.0"),
        ], details);
    }

    /// <summary>Fresh server, warm-up with the same load shape, one measured run, then what the scheduler did meanwhile.</summary>
    private static async Task<LoadResult> MeasureAsync(
        BenchOptions options, List<string> details, string phase, bool schedulerOn,
        Func<LoadGenerator, Func<HttpRequestMessage>, Task<LoadResult>> run, bool probeClaim, CancellationToken ct,
        Func<ReelayInProcess, Task>? afterwards = null)
    {
        var extra = new Dictionary<string, string?> { ["Reelay:Scheduler:Enabled"] = schedulerOn ? "true" : "false" };
        await using var reelay = await ReelayInProcess.StartAsync(ct, extra);
        var store = reelay.Services.GetRequiredService<IJobStore>();
        var token = reelay.Key.Token;
        using var load = new LoadGenerator(reelay.BaseAddress, HttpStatusCode.Created, Clients);
        Func<HttpRequestMessage> request = () => Post(token);

        // Warm-up: the same shape for the warm-up window (the open loop warms at the offered rate).
        await (phase.StartsWith("open", StringComparison.Ordinal)
            ? load.OpenLoopAsync(request, OfferedRate, options.WarmupDuration, ct)
            : load.ClosedLoopAsync(request, Clients, options.WarmupDuration, ct));
        var before = await StoreProbe.CountAsync(store, ct);
        var result = await run(load, request);
        var after = await StoreProbe.CountAsync(store, ct);

        if (schedulerOn)
        {
            var completed = after.Succeeded - before.Succeeded;
            var line = $"Scheduler during the {phase}: completed {completed:N0} jobs ({completed / result.Elapsed.TotalSeconds:N0}/s); " +
                       $"backlog {before.Pending:N0} → {after.Pending:N0} queued/running of {after.Total:N0} stored";
            if (after.Failed > 0) line += $"; {after.Failed:N0} failed";
            if (probeClaim)
            {
                var claimMs = await StoreProbe.EmptyClaimMillisAsync(store, 15, ct);
                line += $". One claim (`IJobStore.ClaimDueAsync`, holds the single SQLite writer) takes {claimMs:0.00} ms at this table size, " +
                        "waiting for the writer included (median of 15, measured with nothing due)";
            }
            details.Add(line + ".");
        }
        if (afterwards is not null) await afterwards(reelay);
        return result;
    }

    private static HttpRequestMessage Post(string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/videos") { Content = new ByteArrayContent(Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
