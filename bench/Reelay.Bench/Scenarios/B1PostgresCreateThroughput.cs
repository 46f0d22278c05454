using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Reelay.Bench.Diagnostics;
using Reelay.Bench.Load;
using Reelay.Bench.Reporting;
using Reelay.Bench.Servers;
using Reelay.Storage;
using Reelay.TestSupport;

namespace Reelay.Bench.Scenarios;

/// <summary>
/// B1pg: B1's create load (POST /v1/videos, 64 closed-loop clients, noop engine, scheduler running) against the same
/// in-process server with its job store on PostgreSQL instead of SQLite. Both stores are measured in this scenario,
/// one after the other, each on a fresh server (and a fresh PostgreSQL database), through the same mechanism
/// (<see cref="ReelayInProcess"/> with configuration overrides), so the ratio compares the stores and nothing else.
/// PostgreSQL is a throwaway local server (<see cref="PostgresServer"/>, fsync off) on the same cores.
/// </summary>
public sealed class B1PostgresCreateThroughput : IScenario
{
    private const int Clients = 64;
    private const double OfferedRate = 1000;
    private static readonly byte[] Body = """{"model":"local","prompt":"A red fox running through fresh snow","duration":5}"""u8.ToArray();

    public string Id => "B1pg";
    public string Title => "create jobs over HTTP on PostgreSQL vs SQLite (64 clients, noop engine)";

    public async Task<ScenarioResult> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        try
        {
            return await MeasureAsync(postgres, options, ct);
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    private async Task<ScenarioResult> MeasureAsync(PostgresServer postgres, BenchOptions options, CancellationToken ct)
    {
        var window = $"{options.LoadDuration.TotalSeconds:0} s after {options.WarmupDuration.TotalSeconds:0} s warm-up";
        var details = new List<string>();

        // Tiered JIT warm-up on a throwaway PostgreSQL-backed server (it warms the shared request path and Npgsql).
        await using (var throwaway = await ReelayInProcess.StartAsync(ct, await PostgresSettingsAsync(postgres, "b1pg_warmup")))
        using (var load = new LoadGenerator(throwaway.BaseAddress, HttpStatusCode.Created, Clients))
        {
            var token = throwaway.Key.Token;
            await load.ClosedLoopAsync(() => Post(token), Clients, options.JitWarmupDuration, ct);
        }

        var sqlite = await RunAsync(null, options, details, "SQLite, closed loop", open: false, ct);
        var pg = await RunAsync(await PostgresSettingsAsync(postgres, "b1pg_closed"), options, details, "PostgreSQL, closed loop", open: false, ct);
        var pgOpen = await RunAsync(await PostgresSettingsAsync(postgres, "b1pg_open"), options, details, $"PostgreSQL, open loop at {OfferedRate:N0}/s", open: true, ct);

        details.Insert(0, $"Closed loop, {Clients} clients, {window}: PostgreSQL {pg.Summary}; SQLite (baseline) {sqlite.Summary}. " +
                          $"Open loop at {OfferedRate:N0}/s offered on PostgreSQL, {window}, latency from the scheduled send time: {pgOpen.Summary}.");
        details.Insert(1, "Both servers run **in the bench process** (`ReelayHost.BuildServer`, as in B1), configured through the same overrides: " +
                          "`Reelay:Storage:Provider=postgres` and `Reelay:Storage:Postgres:ConnectionString` for PostgreSQL (a fresh database per run), " +
                          "the default SQLite store in a fresh data dir otherwise; noop engine, `Reelay:Scheduler:MaxConcurrency=32`, scheduler on. " +
                          $"Before the runs, {options.JitWarmupDuration.TotalSeconds:0} s of the same load on a throwaway PostgreSQL-backed server (tiered JIT).");
        details.Insert(2, $"PostgreSQL: a throwaway local server started by the bench (initdb, `fsync=off`, `synchronous_commit=off`, " +
                          $"`full_page_writes=off`, `max_connections=300`; the same fixture the tests use), on the same {Environment.ProcessorCount} cores " +
                          "as the bench process that holds both the load generator and Reelay. Npgsql's default pool (max 100 connections).");

        var ratio = pg.PerSecond / sqlite.PerSecond;
        return new ScenarioResult(Id, Title,
        [
            Check.AtLeast($"{pg.PerSecond:N0} creates/s (p50 {pg.P50Ms:0.0} ms, p99 {pg.P99Ms:0.0} ms)",
                $"SQLite {sqlite.PerSecond:N0} creates/s (p50 {sqlite.P50Ms:0.0} ms, p99 {sqlite.P99Ms:0.0} ms)",
                ratio.ToString("0.00×", CultureInfo.InvariantCulture), "≥ 5,000 creates/s (B1's)", pg.PerSecond, 5000, "/s"),
            Check.AtMost($"p99 {pgOpen.P99Ms:0.00} ms at {OfferedRate:N0}/s offered", "—", "—",
                "p99 ≤ 15 ms at 1,000/s (B1's)", pgOpen.P99Ms, 15, " ms"),
        ], details);
    }

    private static async Task<LoadResult> RunAsync(
        Dictionary<string, string?>? storage, BenchOptions options, List<string> details, string phase, bool open, CancellationToken ct)
    {
        var extra = storage ?? [];
        extra["Reelay:Scheduler:Enabled"] = "true";
        await using var reelay = await ReelayInProcess.StartAsync(ct, extra);
        var store = reelay.Services.GetRequiredService<IJobStore>();
        var token = reelay.Key.Token;
        using var load = new LoadGenerator(reelay.BaseAddress, HttpStatusCode.Created, Clients);
        Func<HttpRequestMessage> request = () => Post(token);
        Task<LoadResult> Run(TimeSpan duration) => open
            ? load.OpenLoopAsync(request, OfferedRate, duration, ct)
            : load.ClosedLoopAsync(request, Clients, duration, ct);

        await Run(options.WarmupDuration);
        var before = await StoreProbe.CountAsync(store, ct);
        var result = await Run(options.LoadDuration);
        var after = await StoreProbe.CountAsync(store, ct);
        var completed = after.Succeeded - before.Succeeded;
        var line = $"Scheduler during the {phase} run: completed {completed:N0} jobs ({completed / result.Elapsed.TotalSeconds:N0}/s); " +
                   $"backlog {before.Pending:N0} → {after.Pending:N0} queued/running of {after.Total:N0} stored";
        if (after.Failed > 0) line += $"; {after.Failed:N0} failed";
        details.Add(line + ".");
        return result;
    }

    private static async Task<Dictionary<string, string?>> PostgresSettingsAsync(PostgresServer postgres, string database) => new()
    {
        ["Reelay:Storage:Provider"] = "postgres",
        ["Reelay:Storage:Postgres:ConnectionString"] = await postgres.DatabaseAsync(database),
    };

    private static HttpRequestMessage Post(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/videos") { Content = new ByteArrayContent(Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
