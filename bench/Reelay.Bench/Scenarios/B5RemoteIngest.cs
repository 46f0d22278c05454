using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Reelay.Bench.Reporting;
using Reelay.Bench.Support;

namespace Reelay.Bench.Scenarios;

/// <summary>
/// B5: the raw part of ingesting a 1 GiB upstream result over loopback into the file-system blob store, against
/// <c>curl -o</c> of the same URL from the same server into the same disk. Kestrel in the bench process serves the
/// file (sendfile); each ingest runs in a fresh child process so its RSS is measured alone. Runs interleaved.
/// </summary>
public sealed class B5RemoteIngest(string repoRoot) : IScenario
{
    private const long Size = 1L << 30;
    private const double MinRatio = 0.8;
    private const long MaxGrowthKb = 32 * 1024;

    public string Id => "B5";
    public string Title => "ingest a 1 GiB upstream video over loopback into the blob store (raw part)";

    public async Task<ScenarioResult> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var details = new List<string>();
        var prepare = Stopwatch.StartNew();
        var clip = await BigClip.EnsureAsync(repoRoot, Size, ct);
        details.Add($"Source: `{Path.GetRelativePath(repoRoot, clip)}`, {Size:N0} bytes: a 5 s 1280×720 H.264 testsrc2 MP4 (moov first) padded with a " +
                    $"top-level `free` box of pseudo-random bytes, so ffprobe validates it as the 5 s video (ready in {prepare.Elapsed.TotalSeconds:0} s; cached across runs).");

        await using var server = await ServeAsync(clip, ct);
        var url = new Uri(server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/result.mp4");
        using var work = TempDir.Create("reelay-bench-b5");
        var runs = options.Quick ? 3 : 5;
        var curl = new List<TimeSpan>();
        var ingest = new List<TimeSpan>();
        var growth = new List<long>();
        // One untimed transfer of each first: warms the page cache for the source and the tools.
        await CurlAsync(url, work, ct);
        await IngestAsync(url, work, ct);
        for (var i = 0; i < runs; i++)
        {
            curl.Add(await CurlAsync(url, work, ct));
            var (elapsed, grown) = await IngestAsync(url, work, ct);
            ingest.Add(elapsed);
            growth.Add(grown);
        }

        var ingestMbs = Size / 1e6 / Stats.Median(ingest).TotalSeconds;
        var curlMbs = Size / 1e6 / Stats.Median(curl).TotalSeconds;
        var ratio = ingestMbs / curlMbs;
        var maxGrowth = growth.Max();
        details.Add($"Reelay runs (s): {Format(ingest)}; curl runs (s): {Format(curl)}; median of {runs}, interleaved, after one untimed run of each.");
        details.Add($"RSS growth per run (VmHWM after − VmRSS before, kB): {string.Join(", ", growth.Select(g => g.ToString("N0", CultureInfo.InvariantCulture)))}.");
        details.Add("Measured: `ResultIngestor.StoreRawAsync` — HTTP GET through the SSRF-guarded client (loopback allowed), streamed to the job's work dir, " +
                    "ffprobe validation, stored as `raw` in the file-system blob store (fsync, then rename). Excluded: the `min` transcode and the `poster`, " +
                    "which are ffmpeg work proportional to the clip's duration, not its size. Each ingest runs in a fresh `Reelay.Bench b5-ingest` child process " +
                    "(workstation GC, like the shipped `reelay`); VmHWM is reset through `/proc/self/clear_refs` just before the ingest.");
        details.Add("Baseline: `curl -s -o <file> <same url>` into a temp dir on the same disk (no fsync). Server: Kestrel in the bench process sending the file with sendfile.");
        return new ScenarioResult(Id, Title,
        [
            Check.AtLeast($"{ingestMbs:N0} MB/s", $"curl {curlMbs:N0} MB/s", $"{ratio * 100:0}%", "≥ 80% of curl", ratio * 100, MinRatio * 100, " points", "0.0"),
            Check.AtMost($"RSS growth {maxGrowth / 1024.0:0.0} MB (max of {runs})", "—", "—", "≤ 32 MB", maxGrowth / 1024.0, MaxGrowthKb / 1024.0, " MB", "0.0"),
        ], details);
    }

    private static async Task<TimeSpan> CurlAsync(Uri url, TempDir work, CancellationToken ct)
    {
        var target = work.File("curl.mp4");
        var result = await ProcessRunner.RunAsync("curl", ["-s", "-f", "-o", target, url.ToString()], work.Path, ct);
        if (!result.Succeeded || new FileInfo(target).Length != Size) throw new InvalidOperationException("curl failed: " + result.Output);
        File.Delete(target);
        return result.Elapsed;
    }

    private static async Task<(TimeSpan Elapsed, long GrowthKb)> IngestAsync(Uri url, TempDir work, CancellationToken ct)
    {
        var dir = work.File("ingest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(typeof(B5IngestChild).Assembly.Location);
            psi.ArgumentList.Add(B5IngestChild.Verb);
            psi.ArgumentList.Add(url.ToString());
            psi.ArgumentList.Add(dir);
            psi.Environment["DOTNET_gcServer"] = "0";
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            var output = (await stdout).Trim();
            if (process.ExitCode != 0) throw new InvalidOperationException($"ingest child failed: {output} {await stderr}");
            var parts = output.Split('\n')[^1].Split(' ').Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            if (parts[1] != Size) throw new InvalidOperationException($"ingest stored {parts[1]} bytes, expected {Size}");
            return (TimeSpan.FromMilliseconds(parts[0]), parts[3] - parts[2]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<WebApplication> ServeAsync(string file, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/result.mp4", () => Results.File(file, "video/mp4"));
        await app.StartAsync(ct);
        return app;
    }

    private static string Format(IEnumerable<TimeSpan> runs) => string.Join(", ", runs.Select(r => r.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)));
}
