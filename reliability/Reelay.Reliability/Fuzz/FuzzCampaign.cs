using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Reelay.Accounts;
using Reelay.Hosting;
using Reelay.Reliability.Campaigns;

namespace Reelay.Reliability.Fuzz;

/// <summary>
/// Campaign 3, hostile input: a seeded fuzzer sends generated requests (100,000 in the short mode, 1,000,000 long)
/// to every routed endpoint of every dialect of a real Reelay server (Kestrel on loopback, SQLite, the scheduler
/// completing jobs with the no-op engine, the SSRF guard with loopback refused), plus raw-socket probes HttpClient
/// cannot send. Invariants: no 5xx, no unhandled exception logged, every 4xx in its dialect's documented error shape
/// (except Kestrel's own pre-routing rejections, counted apart), slow connections closed, memory back near its start.
/// </summary>
public sealed class FuzzCampaign : ICampaign
{
    private const int Workers = 16;
    /// <summary>
    /// Once the pools have trimmed their idle buffers, the managed heap must be back near its size after warm-up: what
    /// stays beyond this is held by the server (caches, leaks). The points in between are reported, not judged: during
    /// the run they include buffers pooled by design (ArrayPool buckets sized by the largest bodies parsed).
    /// </summary>
    private const long MaxHeapGrowthBytes = 64L << 20;

    /// <summary>ArrayPool.Shared trims arrays unused for 60 s at the next full GC.</summary>
    private static readonly TimeSpan PoolIdleTrim = TimeSpan.FromSeconds(65);
    /// <summary>Beyond the longest legitimate hold (<c>Prefer: wait</c> is honoured up to 60 s).</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(75);

    public string Id => "fuzz";

    public string Title => "Hostile input: seeded fuzzing of every endpoint of every dialect";

    public async Task<CampaignResult> RunAsync(ReliabilityOptions options, CancellationToken ct)
    {
        var total = options.Long ? 1_000_000 : 100_000;
        var dataDir = Directory.CreateTempSubdirectory("reelay-fuzz-");
        try
        {
            var app = ReelayHost.BuildServer(new ServerSettings
            {
                DataDir = dataDir.FullName,
                Urls = "http://127.0.0.1:0",
                Overrides = new Dictionary<string, string?>
                {
                    ["Reelay:Security:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                    ["Reelay:Security:AllowLoopback"] = "false",
                    ["Reelay:EnableNoopEngine"] = "true",
                    ["Reelay:DefaultEngine"] = "noop",
                    ["Reelay:Scheduler:MaxConcurrency"] = "16",
                    // Errors only on the console: a fuzz run is 4xx after 4xx, each logged at Information/Warning by design.
                    ["Logging:LogLevel:Default"] = "Error",
                },
            });
            var exceptions = new ExceptionCounter();
            app.Services.GetRequiredService<ILoggerFactory>().AddProvider(exceptions);
            await ReelayHost.PrepareAsync(app.Services, null, ct);
            await app.StartAsync(ct);
            try
            {
                var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
                return await AttackAsync(app, address, exceptions, options, total, ct);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
                await app.DisposeAsync();
            }
        }
        finally
        {
            try { dataDir.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<CampaignResult> AttackAsync(WebApplication app, Uri address, ExceptionCounter exceptions, ReliabilityOptions options, int total,
        CancellationToken ct)
    {
        var world = await PrepareWorldAsync(app, address, ct);
        var targets = FuzzTarget.Discover(app.Services.GetRequiredService<EndpointDataSource>());
        using var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            MaxConnectionsPerServer = Workers,
            AutomaticDecompression = DecompressionMethods.None,
        }) { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };

        // Warm-up (JIT, pools, caches), then the memory baseline.
        var warmup = new FuzzOutcome();
        await RunRangeAsync(http, targets, world, options.Seed ^ 0x5EED, 0, 2_000, warmup, ct);
        var (heapBefore, rssBefore) = Memory();

        var probes = RawSocketProbes.RunAsync(address, world.Own.Token, ct);
        var outcome = new FuzzOutcome();
        var clock = Stopwatch.StartNew();
        await RunRangeAsync(http, targets, world, options.Seed, 0, total / 2, outcome, ct);
        var (heapMiddle, rssMiddle) = Memory();
        await RunRangeAsync(http, targets, world, options.Seed, total / 2, total - total / 2, outcome, ct);
        var elapsed = clock.Elapsed;
        var probe = await probes;
        var (heapAfter, rssAfter) = Memory();
        // Shared array pools keep the large buffers that big bodies rented (JSON parsing rents buffers as large as the
        // body) and release them only once they have sat unused for a minute; after that, what remains is what the
        // server really holds.
        await Task.Delay(PoolIdleTrim, ct);
        Memory();
        var (heapIdle, rssIdle) = Memory();

        var covered = targets.Select(t => t.SeedKey).Distinct().ToList();
        var unseeded = covered.Where(k => k.StartsWith("POST", StringComparison.Ordinal) && !SeedBodies.HasSeed(k)).ToList();
        var figures = new List<Figure>
        {
            Figure.AtLeast("requests sent (HttpClient)", outcome.Sent, total),
            Figure.AtMost("5xx answers", outcome.ServerErrors, 0),
            Figure.AtMost("unhandled exceptions logged by the server", exceptions.Count, 0),
            Figure.AtMost("4xx not in the dialect's documented error shape", outcome.ShapeViolations, 0),
            Figure.AtMost("raw-socket requests answered 5xx (505 to HTTP/9.9, the protocol's required answer, excepted)", probe.RawHeaderServerErrors, 0),
            Figure.AtLeast($"slow-loris header connections closed by the server within {RawSocketProbes.SlowDeadline.TotalSeconds:0} s", probe.SlowHeaderClosedInTime, probe.SlowHeaderProbes),
            Figure.AtLeast($"slow-body connections ended by the server within {RawSocketProbes.SlowDeadline.TotalSeconds:0} s", probe.SlowBodyClosedInTime, probe.SlowBodyProbes),
            new($"managed heap {PoolIdleTrim.TotalSeconds:0} s after the run − after warm-up (full GCs)", Mb(heapIdle - heapBefore), $"≤ {MaxHeapGrowthBytes >> 20} MB",
                heapIdle - heapBefore <= MaxHeapGrowthBytes),
            Figure.Info("managed heap after warm-up → middle → end → idle", $"{Mb(heapBefore)} → {Mb(heapMiddle)} → {Mb(heapAfter)} → {Mb(heapIdle)}"),
            Figure.Info("process RSS after warm-up → middle → end → idle", $"{Mb(rssBefore)} → {Mb(rssMiddle)} → {Mb(rssAfter)} → {Mb(rssIdle)}"),
        };
        var details = new List<string>
        {
            $"{targets.Count} routed endpoint×method targets ({covered.Count} distinct without the `/compat/<name>` prefix), {targets.Count(t => t.Dialect == FuzzDialect.Other)} outside any API dialect (only \"no 5xx\" applies there); " +
            $"every request picks a target uniformly at random.",
            $"{outcome.Sent:N0} requests in {elapsed.TotalSeconds:0} s ({outcome.Sent / elapsed.TotalSeconds:N0}/s, {Workers} concurrent clients on the same cores as the server): " +
            $"{outcome.Ok:N0} 2xx/3xx, {outcome.ClientErrors:N0} 4xx (of which {outcome.KestrelRejections:N0} rejected by Kestrel before routing: 431 headers over 32 KB, 414 request line over 8 KB, 400 malformed), " +
            $"{outcome.ConnectionClosed:N0} connections closed by the server mid-request (bodies over `Reelay:MaxRequestBodyBytes` still being sent), " +
            $"{outcome.ClientRefused:N0} requests HttpClient refused to build (invalid header bytes; sent raw instead by the probes).",
            "Each request: route values from the caller's own job ids, another key's ids, random UUIDs, traversal and encoding tricks, 5,000-character segments; " +
            "0–3 query parameters with hostile values; credentials in the dialect's own style for the caller (70%), another user, an admin, none, garbage, a revoked key, " +
            "or forged (wrong secret; Kling: wrong-secret, expired, not-yet-valid and `alg: none` JWTs); a body from the dialect's documented example, then one mutation: " +
            "a field set to a hostile value (type confusion, 1e308, long.MinValue, 100,000-character strings, control/RTL/zero-width characters, SSRF URLs incl. metadata, " +
            "octal/hex/IPv6-mapped loopback, file:, gopher:), a field removed or added, image fields set to decompression bombs (100,000² PNG), polyglots, truncations, " +
            "or a broken body (truncated, 20,000-deep nesting, random bytes, BOM, wrong root, duplicate keys, 5,000-digit numbers, 8–16 MB); odd content types and oversized headers.",
            $"Raw-socket probes alongside: {probe.SlowHeaderProbes} slow-loris header connections, {probe.SlowBodyProbes} slow bodies (1 byte/s), {probe.RawHeaderProbes} raw requests " +
            "(non-ASCII and NUL in headers, CR injection, bad percent-encoding, negative Content-Length, chunked + Content-Length, bad method/version).",
            $"Server: `ReelayHost.BuildServer` in this process, SQLite in a temp dir, scheduler on with the no-op engine, `Reelay:Security:AllowLoopback=false`. " +
            $"Memory: managed heap (GC.GetTotalMemory after a full collection) and VmRSS, after a 2,000-request warm-up, at the middle and end of the run, and again after 65 s idle (shared array pools release buffers unused for 60 s).",
        };
        foreach (var (kind, count) in outcome.Kinds.Take(15)) details.Add($"Violation kind: {kind} — {count:N0}×.");
        if (unseeded.Count > 0) details.Add($"POST targets without a documented seed body (fuzzed from a generic object): {string.Join(", ", unseeded)}.");
        var findings = probe.Findings.Concat(exceptions.First).Concat(outcome.Findings).Take(40).ToList();
        return new CampaignResult("fuzz", "Hostile input: seeded fuzzing of every endpoint of every dialect", figures, details, findings);
    }

    private static async Task RunRangeAsync(HttpClient http, IReadOnlyList<FuzzTarget> targets, FuzzWorld world, int seed, int first, int count,
        FuzzOutcome outcome, CancellationToken ct)
    {
        await Parallel.ForEachAsync(Enumerable.Range(first, count), new ParallelOptions { MaxDegreeOfParallelism = Workers, CancellationToken = ct }, async (i, c) =>
        {
            // One Random per request, seeded by its index: request i is the same in every run with the same seed, whatever the interleaving.
            var random = new Random(HashCode.Combine(seed, i));
            var target = targets[random.Next(targets.Count)];
            HttpRequestMessage request;
            string summary;
            try
            {
                (request, summary) = new FuzzRequestFactory(random, world).Create(target);
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or UriFormatException)
            {
                outcome.CountClientRefused();
                return;
            }
            using (request) await SendAsync(http, request, target, summary, outcome, c);
        });
    }

    private static async Task SendAsync(HttpClient http, HttpRequestMessage request, FuzzTarget target, string summary, FuzzOutcome outcome, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            outcome.CountSent();
            var status = (int)response.StatusCode;
            var contentType = response.Content.Headers.ContentType?.ToString();
            // An event stream stays open while its job runs: its status and headers are the answer.
            var body = contentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true
                ? []
                : await ReadBoundedAsync(response, timeout.Token);
            if (status >= 500)
            {
                if (target.SeedKey == "GET /readyz" && status == 503) return; // documented: not ready is a 503
                outcome.ServerError($"{status} for {summary}: {Excerpt(body)}", $"{target.SeedKey} → {status}");
            }
            else if (status >= 400)
            {
                outcome.CountClientError();
                if (body.Length == 0 && contentType is null && status is 400 or 413 or 414 or 431)
                {
                    outcome.CountKestrelRejection();
                    return;
                }
                // A byte range past the end is answered as HTTP defines it (RFC 9110 §15.5.17): 416 with
                // Content-Range "bytes */<length>" and no body — what players and download tools expect.
                if (status == 416 && response.Content.Headers.ContentRange is { HasLength: true, HasRange: false }) return;
                if (ErrorShapes.Check(target.Dialect, status, contentType, body) is { } wrong)
                    outcome.ShapeViolation($"{status} {wrong} for {summary}: {Excerpt(body)}", $"{target.SeedKey} ({target.Dialect}) → {status}: {wrong}");
            }
            else
            {
                outcome.CountOk();
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            outcome.CountSent();
            outcome.ServerError($"no answer within {RequestTimeout.TotalSeconds:0} s for {summary}", $"{target.SeedKey} → timeout");
        }
        catch (HttpRequestException)
        {
            outcome.CountSent();
            outcome.CountClosed();
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await stream.ReadAsync(chunk, ct)) > 0 && buffer.Length < 2 << 20) buffer.Write(chunk, 0, n);
        return buffer.ToArray();
    }

    private static string Excerpt(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200));
        return string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
    }

    private static async Task<FuzzWorld> PrepareWorldAsync(WebApplication app, Uri address, CancellationToken ct)
    {
        var issuer = app.Services.GetRequiredService<KeyIssuer>();
        var own = new FuzzKey(await issuer.CreateAsync("fuzz-own", ApiKeyRole.User, ct));
        var other = new FuzzKey(await issuer.CreateAsync("fuzz-other", ApiKeyRole.User, ct));
        var admin = new FuzzKey(await issuer.CreateAsync("fuzz-admin", ApiKeyRole.Admin, ct));
        var revoked = new FuzzKey(await issuer.CreateAsync("fuzz-revoked", ApiKeyRole.User, ct));
        await app.Services.GetRequiredService<IKeyStore>().RevokeAsync(revoked.Issued.Key.Id, DateTimeOffset.UtcNow, ct);
        var png = await ValidPngAsync(ct);
        using var http = new HttpClient { BaseAddress = address };
        var world = new FuzzWorld(own, other, admin, revoked, await JobsAsync(http, own, 4, ct), await JobsAsync(http, other, 4, ct), png);
        return world;
    }

    private static async Task<List<string>> JobsAsync(HttpClient http, FuzzKey key, int count, CancellationToken ct)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/videos")
            {
                Content = new StringContent($$"""{"model":"kling-v1","prompt":"fuzz seed job {{i}}","duration":5}""", System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Token);
            using var response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            ids.Add(doc.RootElement.GetProperty("id").GetString()!);
        }
        return ids;
    }

    /// <summary>A 320×320 PNG rendered by ffmpeg (testsrc2) at run time.</summary>
    private static async Task<byte[]> ValidPngAsync(CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"reelay-fuzz-{Guid.NewGuid():N}.png");
        try
        {
            using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x320", "-frames:v", "1", path])
            {
                RedirectStandardError = true,
            })!;
            var errors = await ffmpeg.StandardError.ReadToEndAsync(ct);
            await ffmpeg.WaitForExitAsync(ct);
            if (ffmpeg.ExitCode != 0) throw new InvalidOperationException("ffmpeg could not render the test image: " + errors);
            return await File.ReadAllBytesAsync(path, ct);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (long Heap, long Rss) Memory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        long rss = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        return (heap, rss);
    }

    private static string Mb(long bytes) => $"{bytes / 1048576.0:0.0} MB";
}
