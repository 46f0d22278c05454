using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Npgsql;
using Reelay.Bench.Load;
using Reelay.Bench.Reporting;
using Reelay.Bench.Servers;
using Reelay.Bench.Support;
using Reelay.TestSupport;

namespace Reelay.Bench.Scenarios;

/// <summary>
/// B7: create throughput (POST /v1/videos) of a cluster of 1, 2 and 3 published <c>reelay serve</c> processes sharing one
/// PostgreSQL database (a fresh one per point), each with its own data dir and NodeId and the same MasterKey. The load
/// generator spreads requests round-robin over the nodes. The engine is the noop engine: B7 measures the shared job
/// store and the nodes' request paths, not generation. The scaling factor is creates/s at N nodes over creates/s at 1.
/// </summary>
public sealed class B7ClusterScaling(string repoRoot) : IScenario
{
    private const int Clients = 96;
    private static readonly byte[] Body = """{"model":"local","prompt":"A red fox running through fresh snow","duration":5}"""u8.ToArray();

    public string Id => "B7";
    public string Title => "cluster: creates/s with 1, 2, 3 nodes on PostgreSQL (noop engine)";

    public async Task<ScenarioResult> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var (dll, took) = await ReelayPublish.EnsureAsync(repoRoot, ct);
        var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        try
        {
            var points = new List<Point>();
            foreach (var nodes in new[] { 1, 2, 3 }) points.Add(await MeasureAsync(dll, postgres, nodes, options, ct));
            return Report(points, options, took);
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    private sealed record Point(int Nodes, LoadResult Load, double MachineBusy, TimeSpan BenchCpu, TimeSpan NodesCpu, IReadOnlyDictionary<string, long> Statuses);

    private async Task<Point> MeasureAsync(string dll, PostgresServer postgres, int nodeCount, BenchOptions options, CancellationToken ct)
    {
        var connectionString = await postgres.DatabaseAsync($"b7_{nodeCount}_nodes");
        var masterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var dataDirs = new List<TempDir>();
        var nodes = new List<ReelayServeProcess>();
        try
        {
            // Node 1 starts alone on the empty database: it migrates and prints the admin key; the others join a migrated store.
            for (var i = 1; i <= nodeCount; i++)
            {
                var dir = TempDir.Create($"reelay-b7-node{i}");
                dataDirs.Add(dir);
                nodes.Add(await ReelayServeProcess.StartAsync(dll, dir.Path, ReelayServeProcess.FreePort(), Settings(connectionString, masterKey, i), ct));
            }
            var token = nodes[0].AdminToken() ?? throw new InvalidOperationException("reelay printed no admin key:\n" + nodes[0].Output);
            var targets = nodes.Select(n => new Uri(n.BaseAddress, "/v1/videos")).ToArray();
            long next = 0;
            Func<HttpRequestMessage> request = () => Post(targets[(int)(Interlocked.Increment(ref next) % targets.Length)], token);

            // One generator, absolute URIs: its connection limit applies per node, so every node can get all clients.
            using var load = new LoadGenerator(nodes[0].BaseAddress, HttpStatusCode.Created, Clients);
            await load.ClosedLoopAsync(request, Clients, options.JitWarmupDuration, ct);

            var machineBefore = MachineCpu.Read();
            var benchBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var nodesBefore = NodesCpu(nodes);
            var result = await load.ClosedLoopAsync(request, Clients, Window(options), ct);
            var machineAfter = MachineCpu.Read();
            var benchCpu = Process.GetCurrentProcess().TotalProcessorTime - benchBefore;
            var nodesCpu = NodesCpu(nodes) - nodesBefore;
            if (result.Succeeded == 0) throw new InvalidOperationException($"no create succeeded: {result.FirstError}\n{nodes[0].Output}");
            return new Point(nodeCount, result, MachineCpu.BusyFraction(machineBefore, machineAfter), benchCpu, nodesCpu, await StatusesAsync(connectionString, ct));
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
            foreach (var dir in dataDirs) dir.Dispose();
            NpgsqlConnection.ClearAllPools();
        }
    }

    private static TimeSpan Window(BenchOptions options) => options.Quick ? TimeSpan.FromSeconds(8) : TimeSpan.FromSeconds(30);

    private static Dictionary<string, string> Settings(string connectionString, string masterKey, int node) => new()
    {
        ["Reelay:NodeId"] = $"b7-node{node}",
        ["Reelay:Security:MasterKey"] = masterKey,
        ["Reelay:Storage:Provider"] = "postgres",
        ["Reelay:Storage:Postgres:ConnectionString"] = connectionString,
        ["Reelay:EnableNoopEngine"] = "true",
        ["Reelay:DefaultEngine"] = "noop",
        ["Reelay:Scheduler:MaxConcurrency"] = "32",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    private static TimeSpan NodesCpu(IEnumerable<ReelayServeProcess> nodes)
    {
        var total = TimeSpan.Zero;
        foreach (var node in nodes)
        {
            using var p = Process.GetProcessById(node.Pid);
            total += p.TotalProcessorTime;
        }
        return total;
    }

    private static async Task<IReadOnlyDictionary<string, long>> StatusesAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT status, count(*) FROM jobs GROUP BY status ORDER BY status", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var statuses = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct)) statuses[reader.GetString(0)] = reader.GetInt64(1);
        return statuses;
    }

    private ScenarioResult Report(IReadOnlyList<Point> points, BenchOptions options, TimeSpan publishTook)
    {
        var one = points[0].Load.PerSecond;
        var cores = Environment.ProcessorCount;
        var details = new List<string>
        {
            $"Cores: `Environment.ProcessorCount` = {cores}. The load generator (this bench process), the PostgreSQL server and every Reelay node " +
            $"share these {cores} cores; nothing is pinned. With more nodes than cores, extra nodes add no CPU: the scaling factor here is bounded by " +
            "the machine, not by the cluster design.",
            $"Each point: fresh PostgreSQL database, N published `reelay serve` processes (workstation GC, as shipped) each with its own data dir, " +
            "`Reelay:NodeId=b7-nodeK` and the same `Reelay:Security:MasterKey`, `Reelay:Storage:Provider=postgres`, " +
            "`Reelay:DefaultEngine=noop` + `Reelay:EnableNoopEngine=true` (the engine is not what B7 measures: every node's scheduler claims and " +
            "completes the created jobs with the noop engine while the load runs, so claims contend with creates as in a real cluster), " +
            "`Reelay:Scheduler:MaxConcurrency=32`, logging at Warning.",
            $"Load: {Clients} closed-loop clients (HTTP/1.1 keep-alive), `POST /v1/videos` `{System.Text.Encoding.UTF8.GetString(Body)}` with the admin key, " +
            $"spread round-robin over the nodes; {Window(options).TotalSeconds:0} s measured after {options.JitWarmupDuration.TotalSeconds:0} s of the same load " +
            "(tiered JIT, pools). PostgreSQL: throwaway local server (initdb, `fsync=off`, `synchronous_commit=off`, `max_connections=300`), " +
            "Npgsql's default pool (max 100 per node).",
        };
        if (publishTook > TimeSpan.Zero) details.Add($"`dotnet publish src/Reelay.Cli -c Release` took {publishTook.TotalSeconds:0} s (not measured).");
        foreach (var p in points)
        {
            var window = p.Load.Elapsed.TotalSeconds;
            details.Add($"{p.Nodes} node{(p.Nodes == 1 ? "" : "s")}: {p.Load.Summary}; ×{p.Load.PerSecond / one:0.00} vs 1 node. " +
                        $"Machine CPU busy {p.MachineBusy:0%} (of {cores} cores, /proc/stat); CPU-seconds per second: nodes {p.NodesCpu.TotalSeconds / window:0.00}, " +
                        $"bench (load generator) {p.BenchCpu.TotalSeconds / window:0.00}, rest (PostgreSQL, OS) " +
                        $"{Math.Max(0, p.MachineBusy * cores - (p.NodesCpu + p.BenchCpu).TotalSeconds / window):0.00}. " +
                        "Jobs in the database after the run: " + string.Join(", ", p.Statuses.Select(s => $"{s.Key} {s.Value:N0}")) + ".");
        }

        var inv = CultureInfo.InvariantCulture;
        var figure = string.Join(" · ", points.Select(p => $"{p.Nodes}: {p.Load.PerSecond:N0}/s"));
        var two = points[1].Load.PerSecond / one;
        var three = points[2].Load.PerSecond / one;
        return new ScenarioResult(Id, Title,
        [
            Check.AtLeast($"creates/s by nodes — {figure} ({cores} cores shared)", $"1 node {one:N0}/s",
                $"{two.ToString("0.00×", inv)} at 2<br>{three.ToString("0.00×", inv)} at 3", "≥ 1.6 × at 2 nodes (CPU permitting)", two, 1.6, "×", "0.00"),
        ], details);
    }

    private static HttpRequestMessage Post(Uri target, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
