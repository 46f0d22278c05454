using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Reelay.Bench.Reporting;
using Reelay.Bench.Support;
using Reelay.Engines;
using Reelay.Hosting;
using Reelay.Jobs;
using Microsoft.Extensions.Options;
using Reelay.Media;

namespace Reelay.Bench.Scenarios;

/// <summary>
/// B6: seconds per 5 s 1280×720 clip of the local engine, text-to-video and image-to-video (start image made
/// with ffmpeg testsrc2 at run time), called directly through <see cref="IVideoEngine"/> from an embedded host
/// (render only: ingest into raw/min/poster is not part of the figure). Baseline: a plain ffmpeg encode of
/// testsrc2 with the engine output's size, frame rate and frame count, the engine's configured x264 preset, and
/// the crf and thread count read from the x264 settings in the engine's output. Median of N runs each, interleaved.
/// </summary>
public sealed class B6LocalEngine : IScenario
{
    public string Id => "B6";
    public string Title => "local engine, 5 s 1280×720 clip";

    public async Task<ScenarioResult> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var runs = options.Quick ? 2 : 3;
        using var work = TempDir.Create("reelay-bench-b6");
        var startImage = work.File("start.png");
        await MediaTool.RunFfmpegAsync(["-f", "lavfi", "-i", "testsrc2=size=1280x720", "-frames:v", "1", startImage], ct);

        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Reelay:Security:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Reelay:Scheduler:Enabled"] = "false",
        };
        using var host = ReelayHost.BuildEmbedded(Path.Combine(work.Path, "data"), [], overrides);
        await ReelayHost.PrepareAsync(host.Services, null, ct);
        var engine = host.Services.GetRequiredService<EngineRegistry>().Find("local")
                     ?? throw new InvalidOperationException("the local engine is not registered");
        var resolved = await host.Services.GetRequiredService<ImageInputResolver>()
            .ResolveAsync("data:image/png;base64," + Convert.ToBase64String(await File.ReadAllBytesAsync(startImage, ct)), ct);
        if (resolved.Error is not null) throw new InvalidOperationException("start image rejected: " + resolved.Error);

        var textRequest = new VideoRequest { Model = "local", Prompt = "A peaceful mountain landscape with flowing river", DurationSeconds = 5, AspectRatio = "16:9", Seed = 42 };
        var imageRequest = textRequest with { Prompt = "Slow push-in over the test card", StartImage = resolved.Reference };

        // One untimed render of each kind first: JIT, ffmpeg binary and fonts into the page cache.
        var (_, textFile) = await RenderAsync(engine, textRequest, work, ct);
        var (_, imageFile) = await RenderAsync(engine, imageRequest, work, ct);
        var facts = await MediaTool.ProbeAsync(textFile, ct);
        var imageFacts = await MediaTool.ProbeAsync(imageFile, ct);
        // The preset the engine encodes with is its configured Reelay:Media:Preset; the x264 settings in its output
        // confirm it (and give crf and threads, so the baseline differs only in having nothing to render).
        var preset = host.Services.GetRequiredService<IOptions<MediaOptions>>().Value.Preset;
        var engineSettings = X264Settings.Read(textFile);
        var baselineArgs = BaselineArgs(facts, preset, engineSettings, work.File("baseline.mp4"));

        var text = new List<TimeSpan>();
        var image = new List<TimeSpan>();
        var plain = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            plain.Add(await TimeFfmpegAsync(baselineArgs, ct));
            text.Add((await RenderAsync(engine, textRequest, work, ct)).Elapsed);
            image.Add((await RenderAsync(engine, imageRequest, work, ct)).Elapsed);
        }
        var baselineSettings = X264Settings.Read(work.File("baseline.mp4"));

        var baseline = Stats.Median(plain);
        var details = new List<string>
        {
            $"Engine outputs: text-to-video {Describe(facts)}; image-to-video {Describe(imageFacts)}.",
            $"Preset `{preset}` (Reelay:Media:Preset). x264 settings read from the outputs — engine: {engineSettings?.Summary ?? "none found"}; " +
            $"baseline: {baselineSettings?.Summary ?? "none found"}.",
            "Baseline command: `ffmpeg " + string.Join(' ', baselineArgs.Select(a => a.StartsWith('/') ? Path.GetFileName(a) : a)) + "`.",
            $"Runs (s) — text-to-video: {Format(text)}; image-to-video: {Format(image)}; plain ffmpeg: {Format(plain)}; " +
            $"median of {runs}, interleaved, after one untimed render of each kind.",
            "The engine is resolved from `ReelayHost.BuildEmbedded` (scheduler off) and driven through `IVideoEngine.SubmitAsync`/`PollAsync` " +
            "until it reports the produced file; ingest (raw/min/poster) is not timed. The start image is a 1280×720 testsrc2 PNG " +
            "passed through `ImageInputResolver` as a data URL.",
        };
        return new ScenarioResult(Id, Title,
        [
            Check(text, baseline, "text-to-video"),
            Check(image, baseline, "image-to-video"),
        ], details);
    }

    private static Check Check(List<TimeSpan> runs, TimeSpan baseline, string kind)
    {
        var median = Stats.Median(runs);
        var ratio = median / baseline;
        return Reporting.Check.AtMost($"{kind} {median.TotalSeconds:0.00} s/clip", $"{baseline.TotalSeconds:0.00} s",
            ratio.ToString("0.00×", CultureInfo.InvariantCulture), "≤ 1.20 × baseline", ratio, 1.2, "×");
    }

    private static string[] BaselineArgs(MediaTool.VideoFacts facts, string preset, X264Settings? engine, string output)
    {
        List<string> args = ["-f", "lavfi", "-i", $"testsrc2=size={facts.Width}x{facts.Height}:rate={facts.FrameRate}",
            "-frames:v", facts.Frames.ToString(CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", preset];
        if (engine?.Get("crf") is { } crf) args.AddRange(["-crf", crf]);
        if (engine?.Get("threads") is { } threads) args.AddRange(["-threads", threads]);
        args.AddRange(["-pix_fmt", "yuv420p", output]);
        return [.. args];
    }

    private static async Task<TimeSpan> TimeFfmpegAsync(string[] args, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await MediaTool.RunFfmpegAsync(args, ct);
        return clock.Elapsed;
    }

    /// <summary>Submit, then poll (at most every 20 ms, so waiting adds little) until the engine reports the file.</summary>
    private static async Task<(TimeSpan Elapsed, string File)> RenderAsync(IVideoEngine engine, VideoRequest request, TempDir work, CancellationToken ct)
    {
        var now = TimeProvider.System.GetUtcNow();
        var job = new VideoJob
        {
            Id = Guid.CreateVersion7(now).ToString(),
            OwnerKeyId = Guid.Empty.ToString(),
            Request = request,
            Engine = engine.Name,
            CreatedAt = now,
            UpdatedAt = now,
            DeadlineAt = now.AddMinutes(30),
            NextRunAt = now,
        };
        var workDir = Path.Combine(work.Path, "jobs", job.Id);
        Directory.CreateDirectory(workDir);
        var context = new EngineContext(job, workDir, new Progress<int>());
        var clock = Stopwatch.StartNew();
        var outcome = await engine.SubmitAsync(context, ct);
        while (outcome.Kind is EngineOutcomeKind.Submitted or EngineOutcomeKind.Running)
        {
            await Task.Delay(outcome.RetryAfter < TimeSpan.FromMilliseconds(20) ? outcome.RetryAfter : TimeSpan.FromMilliseconds(20), ct);
            context = context with { Job = job with { UpstreamRef = outcome.UpstreamRef ?? context.Job.UpstreamRef, Stage = JobStage.Poll } };
            outcome = await engine.PollAsync(context, ct);
        }
        var elapsed = clock.Elapsed;
        if (outcome.Kind != EngineOutcomeKind.Produced)
            throw new InvalidOperationException($"local engine: {outcome.Kind} {outcome.ErrorCode}: {outcome.ErrorMessage}");
        var file = outcome.Result?.LocalPath ?? throw new InvalidOperationException("local engine produced no local file");
        return (elapsed, file);
    }

    private static string Describe(MediaTool.VideoFacts f) =>
        $"{f.Width}×{f.Height} {f.Codec} {f.PixelFormat}, {f.Duration:0.00} s, {f.Frames} frames at {f.FrameRate} fps";


    private static string Format(List<TimeSpan> values) =>
        string.Join(", ", values.Select(v => v.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)));
}
