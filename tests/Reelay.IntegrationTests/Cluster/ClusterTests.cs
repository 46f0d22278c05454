using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.S3.Model;
using Npgsql;
using Reelay.IntegrationTests.Support;
using Reelay.Providers.Kling.Emulator;
using Reelay.Storage.Blobs.S3;
using Reelay.Upstreams;
using Reelay.TestSupport;
using Xunit.Abstractions;

namespace Reelay.IntegrationTests.Cluster;

/// <summary>
/// Three real <c>reelay serve</c> processes share one PostgreSQL database, one S3 bucket, one master key and one
/// emulated Kling upstream; one of them is killed with SIGKILL mid-run. Nothing may be lost or done twice: every job
/// completes exactly once, no upstream task is created twice, every terminal webhook arrives, no blob is orphaned.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTests(PostgresServer postgres, S3BucketFixture bucket, ITestOutputHelper output) : IClassFixture<S3BucketFixture>
{
    private const string Lease = "00:00:03";

    [Fact]
    public async Task Cluster_2000JobsAcrossThreeNodesOneKilled_EveryJobCompletesExactlyOnce()
    {
        const int jobs = 2000;
        var clock = Stopwatch.StartNew();
        await using var emulator = await KlingEmulator.StartAsync("http://127.0.0.1:0", new KlingEmulatorOptions
        {
            QueueTime = TimeSpan.FromMilliseconds(200),
            GenerationTime = TimeSpan.FromSeconds(1),
            GenerationTimeMax = TimeSpan.FromSeconds(3),
            TimeCompression = 1,
        });
        await using var sink = await WebhookSink.StartAsync();
        var database = await postgres.DatabaseAsync("it_cluster_2000");
        // Ingest is skipped (Reelay:Media:SkipRemoteIngest): ffmpeg-transcoding 2,000 results does not fit the
        // suite's time on 2 cores. What this test checks is the coordination of the nodes (claims, leases, submits,
        // webhooks); the real ingest on a cluster, with a node killed mid-ingest, is covered by the test below.
        await using var cluster = await NodeCluster.StartAsync(3, database, bucket.ReelaySettings(), emulator, new Dictionary<string, string>
        {
            ["Reelay:Media:SkipRemoteIngest"] = "true",
            ["Reelay:Scheduler:MaxConcurrency"] = "64",
            ["Reelay:Upstreams:0:MaxConcurrentJobs"] = "10000",
            ["Reelay:Upstreams:0:MaxStatusCallsPerSecond"] = "100000",
        });
        output.WriteLine($"cluster up after {clock.Elapsed}");

        // The kill lands while jobs are still being created: once a third of them succeeded, node-b dies.
        var victim = cluster.Nodes[1];
        List<string> held = [];
        var killer = Task.Run(async () =>
        {
            await Eventually.ReturnsAsync(() => CountAsync(database, "SELECT COUNT(*) FROM jobs WHERE status = 'succeeded'"),
                n => n >= jobs / 3, TimeSpan.FromSeconds(90), "a third of the jobs succeeding");
            await victim.Process.KillAsync();
            // What the dead node held at its death: jobs with its (now orphaned) lease that other nodes must take over.
            held = await IdsAsync(database, $"SELECT id FROM jobs WHERE lease_owner = '{victim.Id}' AND status NOT IN ('succeeded', 'failed', 'canceled')");
            output.WriteLine($"killed {victim.Id} after {clock.Elapsed}, holding {held.Count} unfinished jobs; {emulator.TotalCreates} upstream creates so far");
        });

        // Round-robin over the nodes; a create that meets the dead node is sent again to the next one with the same
        // Idempotency-Key, so a request the victim accepted just before dying does not become a second job.
        var ids = new string[jobs];
        var retried = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, jobs), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var body = new
            {
                model = "kling-v1",
                prompt = $"cluster job {i}",
                duration = 5,
                webhook = new { url = sink.Url.ToString(), events = new[] { "completed" } },
            };
            for (var node = i % 3; ; node = (node + 1) % 3)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/videos") { Content = Json.Body(body) };
                request.Headers.Add("Idempotency-Key", $"cluster-{i}");
                try
                {
                    using var response = await cluster.Clients[node].SendAsync(request, ct);
                    var json = await Json.ReadAsync(response);
                    Assert.True(response.IsSuccessStatusCode, json.ToString());
                    ids[i] = json.GetProperty("id").GetString()!;
                    return;
                }
                catch (HttpRequestException) when (cluster.Nodes[node] == victim)
                {
                    Interlocked.Increment(ref retried);
                }
            }
        });
        output.WriteLine($"{jobs} jobs created after {clock.Elapsed} ({retried} retried on another node); upstream creates so far {emulator.TotalCreates}, succeeded " +
            await CountAsync(database, "SELECT COUNT(*) FROM jobs WHERE status = 'succeeded'"));
        await killer;
        Assert.NotEmpty(held);
        Assert.Equal(jobs, ids.Distinct().Count());

        await Eventually.ReturnsAsync(() => CountAsync(database, "SELECT COUNT(*) FROM jobs WHERE status IN ('succeeded', 'failed', 'canceled')"),
            n => n == jobs, TimeSpan.FromSeconds(90), "every job terminal");
        output.WriteLine($"all terminal after {clock.Elapsed}");

        // Every job reads as completed through the surviving nodes.
        var survivors = new[] { cluster.Clients[0], cluster.Clients[2] };
        var notCompleted = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, jobs), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var job = await Json.GetAsync(survivors[i % 2], $"/v1/videos/{ids[i]}");
            if (job.GetProperty("status").GetString() != "completed") notCompleted.Add($"{ids[i]}: {job}");
        });
        Assert.Empty(notCompleted);
        Assert.Subset(ids.ToHashSet(), held.ToHashSet());

        // Exactly once: one succeeded event per job, one upstream task per job (the external id is the job id).
        var succeededEvents = await CountsAsync(database, "SELECT job_id, COUNT(*) FROM job_events WHERE type = 'succeeded' GROUP BY job_id");
        Assert.Equal(jobs, succeededEvents.Count);
        Assert.All(ids, id => Assert.Equal(1L, succeededEvents.GetValueOrDefault(id)));
        Assert.All(ids, id => Assert.Equal(1, emulator.SubmissionsFor(id)));
        Assert.Equal(jobs, emulator.TotalCreates);

        // Every terminal webhook arrives (at least once; receivers deduplicate by webhook-id, and each job has exactly one).
        var hooks = await Eventually.ReturnsAsync(() => Task.FromResult(TerminalHooks(sink)),
            h => h.Count == jobs, TimeSpan.FromSeconds(60), "a completed webhook for every job");
        Assert.All(ids, id => Assert.Equal(1, hooks.GetValueOrDefault(id)?.Count ?? 0));
        output.WriteLine($"{sink.Requests.Count} webhook requests for {jobs} jobs; done after {clock.Elapsed}");
    }

    [Fact]
    public async Task Cluster_RealIngestThreeNodesOneKilledMidIngest_NoOrphanedOrMissingBlobs()
    {
        const int jobs = 40;
        var clock = Stopwatch.StartNew();
        // A bucket of its own, so the listing below sees only this test's objects.
        var store = await bucket.Server.CreateBucketAsync("reelay-cluster");
        await using var emulator = await KlingEmulator.StartAsync("http://127.0.0.1:0", new KlingEmulatorOptions
        {
            QueueTime = TimeSpan.FromMilliseconds(200),
            GenerationTime = TimeSpan.FromSeconds(1),
            GenerationTimeMax = TimeSpan.FromSeconds(3),
            TimeCompression = 1,
            ResultVideoSize = "320x180",
        });
        var database = await postgres.DatabaseAsync("it_cluster_ingest");
        await using var cluster = await NodeCluster.StartAsync(3, database, bucket.ReelaySettings(bucket: store.Bucket), emulator, new Dictionary<string, string>
        {
            ["Reelay:Upstreams:0:MaxConcurrentJobs"] = "1000",
        });

        var ids = new string[jobs];
        await Parallel.ForEachAsync(Enumerable.Range(0, jobs), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            ids[i] = (await Json.PostAsync(cluster.Clients[i % 3], "/v1/videos", new { model = "kling-v1", prompt = $"ingest job {i}", duration = 5 }))
                .GetProperty("id").GetString()!;
        });

        // Ingest runs inside the step that sees the upstream's success, in a work directory named after the job:
        // a downloaded or derived file there means the victim is ingesting that job right now.
        var victim = cluster.Nodes[2];
        var ingesting = await Eventually.ReturnsAsync(() => Task.FromResult(FilesBeingIngested(victim.DataDir)),
            files => files.Count > 0, TimeSpan.FromSeconds(60), $"{victim.Id} ingesting");
        await victim.Process.KillAsync();
        var held = ingesting.Select(f => Path.GetFileName(Path.GetDirectoryName(f))!).Distinct().ToList();
        output.WriteLine($"killed {victim.Id} after {clock.Elapsed} while ingesting {string.Join(", ", ingesting.Select(Path.GetFileName))} of {string.Join(", ", held)}");
        Assert.Subset(ids.ToHashSet(), held.ToHashSet());

        await Eventually.ReturnsAsync(() => CountAsync(database, "SELECT COUNT(*) FROM jobs WHERE status IN ('succeeded', 'failed', 'canceled')"),
            n => n == jobs, TimeSpan.FromSeconds(120), "every job terminal");
        output.WriteLine($"all terminal after {clock.Elapsed}");

        using var s3 = S3ClientFactory.Create(store);
        var survivors = new[] { cluster.Clients[0], cluster.Clients[1] };
        var expectedKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < jobs; i++)
        {
            var http = survivors[i % 2];
            var job = await Json.GetAsync(http, $"/v1/videos/{ids[i]}");
            Assert.True(job.GetProperty("status").GetString() == "completed", job.ToString());
            foreach (var (variant, file) in new[] { ("raw", "raw.mp4"), ("min", "min.mp4"), ("poster", "poster.jpg") })
            {
                var key = $"jobs/{ids[i]}/{file}";
                expectedKeys.Add(key);
                var served = await http.GetByteArrayAsync($"/v1/videos/{ids[i]}/content?variant={variant}");
                using var stored = await s3.GetObjectAsync(store.Bucket, key);
                using var copy = new MemoryStream();
                await stored.ResponseStream.CopyToAsync(copy);
                Assert.True(copy.Length > 0, key);
                Assert.True(served.AsSpan().SequenceEqual(copy.ToArray()), $"{key}: served {served.Length} bytes, bucket holds {copy.Length}");
                Assert.Equal(copy.Length, job.GetProperty("outputs").GetProperty(variant).GetProperty("bytes").GetInt64());
            }
        }

        var listed = new List<string>();
        var request = new ListObjectsV2Request { BucketName = store.Bucket, Prefix = "jobs/" };
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request);
            listed.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);
        Assert.Empty(listed.Except(expectedKeys));  // no orphans
        Assert.Empty(expectedKeys.Except(listed));  // nothing missing
        Assert.Equal(jobs, emulator.TotalCreates);
        output.WriteLine($"{listed.Count} objects checked; done after {clock.Elapsed}");
    }

    [Fact]
    public async Task Retention_TwoNodes_OnlyOneRunsEachPass()
    {
        const int jobs = 3;
        var store = await bucket.Server.CreateBucketAsync("reelay-retention");
        var database = await postgres.DatabaseAsync("it_cluster_retention");
        await using var cluster = await NodeCluster.StartAsync(2, database, bucket.ReelaySettings(bucket: store.Bucket), emulator: null, new Dictionary<string, string>
        {
            ["Reelay:Retention:Results"] = "00:00:01",
            ["Reelay:Retention:Records"] = "1.00:00:00",
            ["Reelay:Retention:Interval"] = "00:00:01",
            ["Logging:LogLevel:Reelay.Retention"] = "Information",
        });

        var ids = new List<string>();
        for (var i = 0; i < jobs; i++)
            ids.Add((await Json.PostAsync(cluster.Clients[i % 2], "/v1/videos", new { model = "local", prompt = $"short lived {i}", duration = 1 })).GetProperty("id").GetString()!);
        foreach (var id in ids)
        {
            var done = await Json.WaitTerminalAsync(cluster.Clients[0], id);
            Assert.Equal("completed", done.GetProperty("status").GetString());
        }
        await Eventually.ReturnsAsync(() => CountAsync(database, "SELECT COUNT(*) FROM job_events WHERE type = 'results_expired'"),
            n => n >= jobs, TimeSpan.FromSeconds(30), "the results of every job expiring");
        // Three more passes (the holder renews the lease, now + 2 × interval, at each) in which nothing may expire twice.
        var leaseUntil = await CountAsync(database, "SELECT lease_until FROM task_leases WHERE name = 'retention'");
        await Eventually.ReturnsAsync(() => CountAsync(database, "SELECT lease_until FROM task_leases WHERE name = 'retention'"),
            until => until >= leaseUntil + 3000, TimeSpan.FromSeconds(30), "three more retention passes");

        var expired = await CountsAsync(database, "SELECT job_id, COUNT(*) FROM job_events WHERE type = 'results_expired' GROUP BY job_id");
        Assert.All(ids, id => Assert.Equal(1L, expired.GetValueOrDefault(id)));
        var owners = await IdsAsync(database, "SELECT owner FROM task_leases WHERE name = 'retention'");
        var owner = Assert.Single(owners);
        Assert.Contains(owner, cluster.Nodes.Select(n => n.Id));
        // Only the lease holder ran passes that did something; the other node never expired a job.
        foreach (var node in cluster.Nodes)
        {
            var passes = node.Process.Output.Split('\n').Count(l => l.Contains("Retention: results of", StringComparison.Ordinal));
            output.WriteLine($"{node.Id}: {passes} retention passes with work");
            if (node.Id == owner) Assert.True(passes > 0, node.Process.Output);
            else Assert.Equal(0, passes);
        }
        foreach (var client in cluster.Clients)
        {
            using var gone = await client.GetAsync($"/v1/videos/{ids[0]}/content?variant=raw");
            Assert.Equal(System.Net.HttpStatusCode.Gone, gone.StatusCode);
        }
        using var s3 = S3ClientFactory.Create(store);
        var left = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = store.Bucket, Prefix = "jobs/" });
        Assert.Empty(left.S3Objects ?? []);
    }

    [Fact]
    public async Task UpstreamSweep_TwoNodes_OnlyTheLeaseHolderSweepsAndTheOtherTakesOverWhenItDies()
    {
        await using var emulator = await KlingEmulator.StartAsync("http://127.0.0.1:0", new KlingEmulatorOptions
        {
            QueueTime = TimeSpan.Zero,
            GenerationTime = TimeSpan.FromMinutes(10),
            GenerationTimeMax = TimeSpan.FromMinutes(10),
        });
        var database = await postgres.DatabaseAsync("it_cluster_sweep");
        await using var cluster = await NodeCluster.StartAsync(2, database, bucket.ReelaySettings(), emulator, new Dictionary<string, string>
        {
            ["Reelay:Upstreams:0:FirstPollAfter"] = "00:01:00",
            ["Reelay:Upstreams:0:MaxPollInterval"] = "00:01:00",
            ["Reelay:Upstreams:0:SweepInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Reelay.Upstreams.UpstreamSweepService"] = "Debug",
        });
        for (var i = 0; i < 2; i++)
            await Json.PostAsync(cluster.Clients[i], "/v1/videos", new { model = "kling-v1", prompt = $"long running {i}", duration = 5 });

        await Eventually.ReturnsAsync(() => Task.FromResult(cluster.Nodes.Sum(Sweeps)), n => n >= 10, TimeSpan.FromSeconds(60), "ten sweeps");
        var owner = Assert.Single(await IdsAsync(database, "SELECT owner FROM task_leases WHERE name = 'upstream-sweep:kling-emulator'"));
        var holder = cluster.Nodes.Single(n => n.Id == owner);
        var other = cluster.Nodes.Single(n => n.Id != owner);
        Assert.Equal(0, Sweeps(other));

        await holder.Process.KillAsync();
        await Eventually.ReturnsAsync(() => Task.FromResult(Sweeps(other)), n => n >= 3,
            UpstreamSweepService.LeaseFor(TimeSpan.FromMilliseconds(200)) + TimeSpan.FromSeconds(30), "the other node taking over the sweep");
        Assert.Equal(other.Id, Assert.Single(await IdsAsync(database, "SELECT owner FROM task_leases WHERE name = 'upstream-sweep:kling-emulator'")));
    }

    /// <summary>Sweeps a node ran (its debug line per sweep that read the upstream's list).</summary>
    private static int Sweeps(Node node) => node.Process.Output.Split('\n').Count(l => l.Contains("Swept upstream", StringComparison.Ordinal));

    private static List<string> FilesBeingIngested(string dataDir) =>
        [.. Directory.EnumerateFiles(dataDir, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".mp4", StringComparison.Ordinal) || f.EndsWith(".jpg", StringComparison.Ordinal))];

    private static Dictionary<string, List<string>> TerminalHooks(WebhookSink sink) =>
        sink.Requests
            .Select(r => (Id: r.Headers["webhook-id"], Body: JsonDocument.Parse(r.Body).RootElement))
            .Where(h => h.Body.GetProperty("type").GetString() is "video.completed" or "video.failed" or "video.canceled")
            .DistinctBy(h => h.Id)
            .GroupBy(h => h.Body.GetProperty("data").GetProperty("id").GetString()!)
            .ToDictionary(g => g.Key, g => g.Select(h => h.Id).ToList());

    private static async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task<List<string>> IdsAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    private static async Task<Dictionary<string, long>> CountsAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    /// <summary>One node of the cluster: its process and its node id.</summary>
    private sealed record Node(string Id, ReelayProcess Process, string DataDir);

    /// <summary>Nodes with distinct ids and data dirs sharing store, bucket, master key and (when given) upstream; an admin client per node.</summary>
    private sealed class NodeCluster : IAsyncDisposable
    {
        private NodeCluster(List<Node> nodes, List<HttpClient> clients)
        {
            Nodes = nodes;
            Clients = clients;
        }

        public IReadOnlyList<Node> Nodes { get; }
        public IReadOnlyList<HttpClient> Clients { get; }

        public static async Task<NodeCluster> StartAsync(int count, string database, Dictionary<string, string?> blobs, KlingEmulator? emulator, Dictionary<string, string> extra)
        {
            var settings = new Dictionary<string, string>
            {
                ["Reelay:Storage:Provider"] = "postgres",
                ["Reelay:Storage:Postgres:ConnectionString"] = database,
                ["Reelay:Security:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["Reelay:Security:AllowLoopback"] = "true",
                ["Reelay:Scheduler:LeaseDuration"] = Lease,
                ["Reelay:Scheduler:IdlePollInterval"] = "00:00:00.200",
                // Webhook messages leased by the killed node come back when their lease expires (60 s by default).
                ["Reelay:Webhooks:Timeout"] = "00:00:02",
                ["Reelay:Webhooks:LeaseDuration"] = Lease,
                ["Logging:LogLevel:Default"] = "Warning",
            };
            if (emulator is not null)
            {
                settings["Reelay:Upstreams:0:Name"] = "kling-emulator";
                settings["Reelay:Upstreams:0:Type"] = "kling";
                settings["Reelay:Upstreams:0:BaseUrl"] = emulator.BaseAddress.ToString();
                settings["Reelay:Upstreams:0:AccessKey"] = emulator.Options.AccessKey!;
                settings["Reelay:Upstreams:0:SecretKey"] = emulator.Options.SecretKey;
                settings["Reelay:Upstreams:0:FirstPollAfter"] = "00:00:01";
                settings["Reelay:Upstreams:0:MaxPollInterval"] = "00:00:01";
            }
            foreach (var (k, v) in blobs) settings[k] = v!;
            foreach (var (k, v) in extra) settings[k] = v;

            var nodes = new List<Node>();
            var clients = new List<HttpClient>();
            try
            {
                // The first node migrates the empty database and prints the admin key the others share.
                nodes.Add(await StartNodeAsync("node-a", settings));
                var token = nodes[0].Process.PrintedToken() ?? throw new InvalidOperationException("no admin key printed:\n" + nodes[0].Process.Output);
                var rest = await Task.WhenAll(Enumerable.Range(1, count - 1).Select(i => StartNodeAsync($"node-{(char)('a' + i)}", settings)));
                nodes.AddRange(rest);
                foreach (var node in nodes)
                {
                    var http = new HttpClient { BaseAddress = node.Process.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    clients.Add(http);
                }
                return new NodeCluster(nodes, clients);
            }
            catch
            {
                await new NodeCluster(nodes, clients).DisposeAsync();
                throw;
            }
        }

        private static async Task<Node> StartNodeAsync(string id, Dictionary<string, string> shared)
        {
            var dataDir = TempDirs.Create("reelay-cluster-" + id);
            var settings = new Dictionary<string, string>(shared) { ["Reelay:NodeId"] = id };
            try
            {
                return new Node(id, await ReelayProcess.StartServeAsync(dataDir, settings), dataDir);
            }
            catch
            {
                TempDirs.Delete(dataDir);
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var client in Clients) client.Dispose();
            foreach (var node in Nodes)
            {
                await node.Process.DisposeAsync();
                TempDirs.Delete(node.DataDir);
            }
        }
    }
}
