using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Media;
using Reelay.Storage.Blobs;

namespace Reelay.Providers.Local;

/// <summary>
/// The built-in preview/offline engine: renders a real H.264 MP4 with ffmpeg — an animated title card for
/// text prompts, smooth camera motion over a start image, a crossfade from start to end image. Not a
/// generative model. Deterministic: the same request and seed give the same bytes. Submit renders the whole
/// clip (a crash repeats the render, which costs nothing upstream); Poll is never needed.
/// </summary>
public sealed class LocalEngine(FfmpegRunner ffmpeg, IBlobStore blobs) : IVideoEngine
{
    private static readonly string[] FallbackFonts =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ];

    public string Name => "local";

    public async Task<EngineOutcome> SubmitAsync(EngineContext context, CancellationToken ct)
    {
        var request = context.Job.Request;
        var dir = context.WorkDirectory;
        Directory.CreateDirectory(dir);
        var preset = ffmpeg.Options.Preset;
        List<string> args;
        if (request.StartImage is { } start)
        {
            if (!await MaterializeAsync(start, Path.Combine(dir, "start.img"), ct))
                return EngineOutcome.Failed(JobErrorCodes.InvalidInput, "the start image is no longer stored");
            if (request.EndImage is { } end)
            {
                if (!await MaterializeAsync(end, Path.Combine(dir, "end.img"), ct))
                    return EngineOutcome.Failed(JobErrorCodes.InvalidInput, "the end image is no longer stored");
                args = LocalRenderPlan.Transition(request, preset);
            }
            else
            {
                var (motion, strength) = CameraMotionPlanner.Plan(request);
                args = LocalRenderPlan.ImageToVideo(request, motion, strength, preset);
            }
        }
        else
        {
            var (w, h) = FrameSize.For(request.AspectRatio, request.Mode);
            var (text, fontSize) = TitleText.Layout(request.Prompt ?? "", w, h);
            await File.WriteAllTextAsync(Path.Combine(dir, "title.txt"), text, new UTF8Encoding(false), ct);
            var hasFont = LinkFont(dir);
            args = LocalRenderPlan.TextToVideo(request, SeedOf(context.Job), fontSize, hasFont, preset);
        }

        var duration = Math.Max(1, request.DurationSeconds);
        var result = await ffmpeg.RunFfmpegAsync(args, seconds => context.Progress.Report(Math.Clamp((int)(seconds / duration * 95), 0, 95)), ct, dir);
        if (!result.Succeeded)
        {
            // A bad input image is final; anything else (resource trouble, a killed process) is worth a retry.
            var inputProblem = request.StartImage is not null && result.ErrorTail.Contains("Invalid data", StringComparison.OrdinalIgnoreCase);
            return EngineOutcome.Failed(inputProblem ? JobErrorCodes.InvalidInput : JobErrorCodes.EngineFailed,
                "ffmpeg failed: " + LastLine(result.ErrorTail), retryable: !inputProblem);
        }
        // ffmpeg's last progress line stops short of the clip's end (it reports the last packet's decode time,
        // held back by the encoder's B-frame delay: 83% for a 1 s clip), so the finished render says so itself.
        context.Progress.Report(95);
        return EngineOutcome.Produced(ResultSource.File(Path.Combine(dir, LocalRenderPlan.Output)));
    }

    /// <summary>Never called: submit produces the result directly.</summary>
    public Task<EngineOutcome> PollAsync(EngineContext context, CancellationToken ct) => SubmitAsync(context, ct);

    /// <summary>The request's seed, or one derived from the job id so unseeded jobs are still reproducible.</summary>
    public static long SeedOf(VideoJob job) =>
        job.Request.Seed ?? BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(job.Id)));

    private async Task<bool> MaterializeAsync(string reference, string target, CancellationToken ct)
    {
        var key = BlobKeys.FromReference(reference);
        if (key is null) return false;
        if (blobs.TryGetLocalPath(key) is { } local)
        {
            File.Copy(local, target, overwrite: true);
            return true;
        }
        await using var source = await blobs.OpenReadAsync(key, ct);
        if (source is null) return false;
        await using var file = File.Create(target);
        await source.CopyToAsync(file, ct);
        return true;
    }

    private bool LinkFont(string dir)
    {
        var link = Path.Combine(dir, "font.ttf");
        if (File.Exists(link)) return true;
        var font = new[] { ffmpeg.Options.FontFile }.Concat(FallbackFonts).FirstOrDefault(File.Exists);
        if (font is null) return false;
        File.CreateSymbolicLink(link, font);
        return true;
    }

    private static string LastLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "unknown error" : lines[^1];
    }
}
