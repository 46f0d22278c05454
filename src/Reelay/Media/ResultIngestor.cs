using System.Globalization;
using Microsoft.Extensions.Options;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Security;
using Reelay.Storage.Blobs;

namespace Reelay.Media;

/// <summary>
/// Turns an engine's result into the job's three stored variants: <c>raw</c> (bytes as produced), <c>min</c>
/// (H.264, shorter side ≤ 720, lower bitrate, faststart) and <c>poster</c> (JPEG), each measured by ffprobe.
/// Safe to repeat for the same job: every key is overwritten atomically.
/// </summary>
public sealed class ResultIngestor(FfmpegRunner ffmpeg, MediaProbe probe, IBlobStore blobs, OutboundPolicy policy, IOptions<MediaOptions> options)
{
    private const int MinShortSide = 720;
    private readonly HttpClient _http = new(SsrfGuard.CreateHandler(policy, TimeSpan.FromSeconds(10))) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly MediaOptions _options = options.Value;

    public async Task<JobOutputs> IngestAsync(string jobId, ResultSource source, string workDir, CancellationToken ct)
    {
        if (source.Prepared is { } prepared) return prepared;
        if (_options.SkipRemoteIngest && source.RemoteUrl is not null) return NotIngested(jobId);
        var (rawPath, rawInfo, raw) = await StoreRawAsync(jobId, source, workDir, ct);
        var minPath = Path.Combine(workDir, "min.mp4");
        var posterPath = Path.Combine(workDir, "poster.jpg");
        await TranscodeMinAsync(rawPath, rawInfo, minPath, ct);
        await ExtractPosterAsync(rawPath, rawInfo, posterPath, ct);
        var minInfo = await probe.ProbeAsync(minPath, ct) ?? throw new IngestException("the optimized video could not be read back");
        var posterInfo = await probe.ProbeAsync(posterPath, ct) ?? throw new IngestException("the poster could not be read back");

        var prefix = JobBlobKeys.Prefix(jobId);
        return new JobOutputs(
            raw,
            await StoreAsync(prefix + "min.mp4", minPath, minInfo, ct),
            await StoreAsync(prefix + "poster.jpg", posterPath, posterInfo with { DurationSeconds = null }, ct));
    }

    /// <summary>
    /// The raw part of an ingest: fetch the result (streamed to disk, never held in memory), check with ffprobe that
    /// it is a video, store it as <c>raw</c>. Returns a local copy for the derived variants. Separate so the
    /// streaming copy can be measured on its own (benchmark B5).
    /// </summary>
    internal async Task<(string Path, MediaInfo Info, VideoOutput Output)> StoreRawAsync(string jobId, ResultSource source, string workDir, CancellationToken ct)
    {
        Directory.CreateDirectory(workDir);
        var rawPath = source.LocalPath ?? await DownloadAsync(source.RemoteUrl ?? throw new ArgumentException("empty result source", nameof(source)), workDir, ct);

        var rawInfo = await probe.ProbeAsync(rawPath, ct) ?? throw new IngestException("the engine's result is not a readable video", permanent: true);
        if (rawInfo.Codec is "png" or "mjpeg" or "webp" or "bmp" or "gif" || rawInfo.DurationSeconds is not > 0.05)
            throw new IngestException($"the engine's result is a still image ({rawInfo.Codec}), not a video", permanent: true);
        var key = JobBlobKeys.Of(jobId, "raw.mp4");
        if (source.LocalPath is null && blobs is FileSystemBlobStore local)
        {
            // The download is ours alone: rename it into the store instead of writing its bytes a second time.
            var moved = await local.MoveFileInAsync(key, rawPath, ct);
            return (local.TryGetLocalPath(key) ?? throw new IngestException("the stored raw result vanished"), rawInfo, Output(key, moved, rawInfo));
        }
        return (rawPath, rawInfo, await StoreAsync(key, rawPath, rawInfo, ct));
    }

    /// <summary>What <see cref="MediaOptions.SkipRemoteIngest"/> records instead of outputs: the usual keys, nothing stored behind them.</summary>
    private static JobOutputs NotIngested(string jobId)
    {
        var prefix = JobBlobKeys.Prefix(jobId);
        return new JobOutputs(
            new VideoOutput(prefix + "raw.mp4", "video/mp4", 0, null, 0, 0, null),
            new VideoOutput(prefix + "min.mp4", "video/mp4", 0, null, 0, 0, null),
            new VideoOutput(prefix + "poster.jpg", "image/jpeg", 0, null, 0, 0, null));
    }

    private async Task<VideoOutput> StoreAsync(string key, string path, MediaInfo info, CancellationToken ct)
    {
        var contentType = FileSystemBlobStore.ContentTypeOf(key);
        BlobInfo stored;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan))
        {
            stored = await blobs.PutAsync(key, file, contentType, ct);
        }
        return Output(key, stored, info);
    }

    private static VideoOutput Output(string key, BlobInfo stored, MediaInfo info) =>
        new(key, FileSystemBlobStore.ContentTypeOf(key), stored.Length, info.DurationSeconds is { } d ? Math.Round(d, 3) : null, info.Width, info.Height, info.Codec);

    private async Task TranscodeMinAsync(string raw, MediaInfo info, string target, CancellationToken ct)
    {
        var (w, h) = MinSize(info.Width, info.Height);
        List<string> args =
        [
            "-i", raw, "-map", "0:v:0", "-vf", $"scale={w}:{h}:flags=bicubic",
            "-c:v", "libx264", "-preset", _options.Preset, "-crf", "28", "-maxrate", "2M", "-bufsize", "4M",
            "-pix_fmt", "yuv420p", "-movflags", "+faststart",
        ];
        if (info.HasAudio) args.AddRange(["-map", "0:a:0", "-c:a", "aac", "-b:a", "96k"]);
        else args.Add("-an");
        args.Add(target);
        var result = await ffmpeg.RunFfmpegAsync(args, null, ct);
        if (!result.Succeeded) throw new IngestException("transcoding the optimized video failed: " + result.ErrorTail);
    }

    private async Task ExtractPosterAsync(string raw, MediaInfo info, string target, CancellationToken ct)
    {
        var at = Math.Min(1.0, (info.DurationSeconds ?? 0) / 2);
        var result = await ffmpeg.RunFfmpegAsync(
            ["-ss", at.ToString("0.###", CultureInfo.InvariantCulture), "-i", raw, "-frames:v", "1", "-q:v", "3", "-update", "1", target], null, ct);
        if (!result.Succeeded) throw new IngestException("extracting the poster failed: " + result.ErrorTail);
    }

    /// <summary>Size of the optimized variant: shorter side at most 720, aspect kept, both sides even.</summary>
    public static (int Width, int Height) MinSize(int width, int height)
    {
        var shortSide = Math.Min(width, height);
        var scale = shortSide > MinShortSide ? (double)MinShortSide / shortSide : 1.0;
        return (Even(width * scale), Even(height * scale));

        static int Even(double v) => Math.Max(2, (int)Math.Round(v / 2) * 2);
    }

    /// <summary>Longest silence tolerated while downloading a result: a stalled upstream fails the attempt, not the whole deadline.</summary>
    public static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// One read/write buffer per download (and no FileStream buffer behind it): large enough that a 1 GiB result
    /// takes few system calls and timer re-arms, small enough that memory per ingest stays bounded.
    /// </summary>
    private const int DownloadBufferBytes = 1 << 20;
    /// <summary>Writeback of the download starts every this many bytes, so the final fsync waits for little (<see cref="FileWriteback"/>).</summary>
    private const long WritebackChunkBytes = 32L << 20;

    private async Task<string> DownloadAsync(Uri url, string workDir, CancellationToken ct)
    {
        var path = Path.Combine(workDir, "upstream.mp4");
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stall.CancelAfter(StallTimeout);
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, stall.Token);
            if (!response.IsSuccessStatusCode)
                throw new IngestException($"downloading the result failed with HTTP {(int)response.StatusCode}", sourceGone: (int)response.StatusCode is 403 or 404 or 410);
            if (response.Content.Headers.ContentLength > _options.MaxResultBytes) throw new IngestException("the result is larger than Reelay:Media:MaxResultBytes", permanent: true);
            await using var body = await response.Content.ReadAsStreamAsync(stall.Token);
            await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous);
            var buffer = new byte[DownloadBufferBytes];
            long total = 0, writebackFrom = 0;
            int n;
            stall.CancelAfter(StallTimeout);
            while ((n = await body.ReadAsync(buffer, stall.Token)) > 0)
            {
                stall.CancelAfter(StallTimeout); // re-arm: only silence counts, not total time
                total += n;
                if (total > _options.MaxResultBytes) throw new IngestException("the result is larger than Reelay:Media:MaxResultBytes", permanent: true);
                await file.WriteAsync(buffer.AsMemory(0, n), ct);
                if (total - writebackFrom >= WritebackChunkBytes)
                {
                    FileWriteback.Start(file.SafeFileHandle, writebackFrom, total - writebackFrom);
                    writebackFrom = total;
                }
            }
            return path;
        }
        catch (HttpRequestException ex) when (ex is BlockedDestinationException || ex.InnerException is BlockedDestinationException)
        {
            throw new IngestException("the result URL points to an address the outbound policy forbids", permanent: true);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new IngestException($"the result download stalled for {StallTimeout.TotalSeconds:0} s");
        }
    }
}
