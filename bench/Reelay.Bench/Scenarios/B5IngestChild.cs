using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Reelay.Bench.Support;
using Reelay.Engines;
using Reelay.Media;
using Reelay.Security;
using Reelay.Storage.Blobs;

namespace Reelay.Bench.Scenarios;

/// <summary>
/// The measured side of B5, run in its own process (<c>Reelay.Bench b5-ingest &lt;url&gt; &lt;dir&gt;</c>, workstation GC like the
/// shipped <c>reelay</c>) so its peak RSS is the ingest's alone: builds a <see cref="ResultIngestor"/> on a file-system blob
/// store, resets VmHWM, runs the raw part of an ingest (download, ffprobe check, store as <c>raw</c>) and prints one line:
/// <c>elapsed_ms bytes rss_before_kb hwm_kb</c>.
/// </summary>
public static class B5IngestChild
{
    public const string Verb = "b5-ingest";

    public static async Task<int> RunAsync(Uri url, string dir, CancellationToken ct)
    {
        var media = Options.Create(new MediaOptions());
        var runner = new FfmpegRunner(media);
        var blobs = new FileSystemBlobStore(Path.Combine(dir, "blobs"));
        var ingestor = new ResultIngestor(runner, new MediaProbe(runner), blobs, new OutboundPolicy { AllowLoopback = true }, media);
        var pid = Environment.ProcessId;
        GC.Collect();
        var before = ProcStatus.ReadKb(pid, "VmRSS") ?? 0;
        ProcStatus.ResetPeak();
        var clock = Stopwatch.StartNew();
        var (_, _, raw) = await ingestor.StoreRawAsync("b5", ResultSource.Remote(url), Path.Combine(dir, "work"), ct);
        var elapsed = clock.Elapsed;
        var peak = ProcStatus.ReadKb(pid, "VmHWM") ?? 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalMilliseconds:0} {raw.Bytes} {before} {peak}"));
        return 0;
    }
}
