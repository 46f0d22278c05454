using System.Diagnostics;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Media;
using Reelay.Providers.Local;
using Reelay.Security;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.Local;

public sealed class LocalEngineTests : IDisposable
{
    private readonly LocalEngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static void AssertValidClip(string path, int width, int height, int seconds)
    {
        var probed = TestMedia.Probe(path);
        Assert.Contains("mp4", probed.FormatName);
        var video = probed.Video;
        Assert.Equal("h264", video.Codec);
        Assert.Equal("yuv420p", video.PixelFormat);
        Assert.Equal((width, height), (video.Width, video.Height));
        Assert.Equal(seconds * LocalRenderPlan.Fps, video.Frames);
        Assert.False(probed.HasAudio);
        Assert.Equal(["ftyp", "moov", "mdat"], TestMedia.TopLevelBoxes(path).Where(b => b is "ftyp" or "moov" or "mdat"));
    }

    private static void AssertProgressRoseToTheEnd(RecordingProgress progress)
    {
        var reports = progress.Reports;
        Assert.NotEmpty(reports);
        for (var i = 1; i < reports.Count; i++) Assert.True(reports[i] >= reports[i - 1], $"progress went back: {string.Join(",", reports)}");
        Assert.All(reports, p => Assert.InRange(p, 0, 100));
        Assert.True(reports[^1] >= 90, $"last progress {reports[^1]}");
    }

    [Fact]
    public async Task SubmitAsync_TextToVideo_ProducesH264ClipWithExactFrameCount()
    {
        var render = await _h.RenderAsync(LocalEngineHarness.Request(seconds: 2));

        Assert.Equal(Path.Combine(render.WorkDir, "raw.mp4"), render.RawPath);
        AssertValidClip(render.RawPath, 1280, 720, 2);
        AssertProgressRoseToTheEnd(render.Progress);
        Assert.Equal(100, render.Outcome.Progress);
    }

    [Fact]
    public async Task SubmitAsync_TextToVideoPortrait_UsesPortraitFrameSize()
    {
        var render = await _h.RenderAsync(LocalEngineHarness.Request(aspect: "9:16"));

        AssertValidClip(render.RawPath, 720, 1280, 1);
    }

    [Fact]
    public async Task SubmitAsync_ImageToVideoSquare_ProducesSquareClip()
    {
        // Stored the way the API stores it: through the resolver, as blob:inputs/<sha>.png.
        var png = await File.ReadAllBytesAsync(TestMedia.Image(_h.Temp.File("in.png"), 800, 600));
        var resolved = await new ImageInputResolver(_h.Blobs, new OutboundPolicy()).ResolveAsync(Convert.ToBase64String(png), CancellationToken.None);
        Assert.Null(resolved.Error);

        var render = await _h.RenderAsync(LocalEngineHarness.Request(aspect: "1:1") with { StartImage = resolved.Reference });

        AssertValidClip(render.RawPath, 720, 720, 1);
        AssertProgressRoseToTheEnd(render.Progress);
    }

    [Theory]
    [InlineData("jpg")]
    [InlineData("webp")]
    public async Task SubmitAsync_JpegOrWebPStartImage_Renders(string extension)
    {
        if (extension == "webp" && !TestMedia.HasEncoder("libwebp")) return; // cannot make one here
        // Stored as start.img in the work dir: ffmpeg must recognise the format by content, not by extension.
        var start = await _h.StoreImageAsync($"start.{extension}", 900, 600);

        var render = await _h.RenderAsync(LocalEngineHarness.Request(aspect: "9:16") with { StartImage = start });

        AssertValidClip(render.RawPath, 720, 1280, 1);
    }

    [Fact]
    public async Task SubmitAsync_StartAndEndImages_CrossfadesFromStartToEnd()
    {
        var start = await _h.StoreImageAsync("start.png");
        var endPath = _h.Temp.File("end.png");
        TestMedia.Ffmpeg("-f", "lavfi", "-i", "color=c=white:s=640x360", "-frames:v", "1", "-update", "1", endPath);
        await using (var file = File.OpenRead(endPath))
            await _h.Blobs.PutAsync("inputs/end.png", file, "image/png", CancellationToken.None);

        var render = await _h.RenderAsync(LocalEngineHarness.Request(seconds: 2) with { StartImage = start, EndImage = "blob:inputs/end.png" });

        AssertValidClip(render.RawPath, 1280, 720, 2);
        AssertProgressRoseToTheEnd(render.Progress);
        var first = TestMedia.GreyFrame(render.RawPath, 0, 32, 18);
        var last = TestMedia.GreyFrame(render.RawPath, 47, 32, 18);
        Assert.True(first.Average(b => b) < 200, "the first frame should show the (mostly dark) start image");
        Assert.True(last.All(b => b > 240), "the last frame should be the white end image");
    }

    [Fact]
    public async Task SubmitAsync_SameSeedTwice_ByteIdenticalOutput()
    {
        var request = LocalEngineHarness.Request(seed: 123456);

        var a = await _h.RenderAsync(request);
        var b = await _h.RenderAsync(request);

        Assert.NotEqual(a.WorkDir, b.WorkDir);
        Assert.Equal(await File.ReadAllBytesAsync(a.RawPath), await File.ReadAllBytesAsync(b.RawPath));
    }

    [Fact]
    public async Task SubmitAsync_ImageToVideoTwice_ByteIdenticalOutput()
    {
        var request = LocalEngineHarness.Request(prompt: "pan left") with { StartImage = await _h.StoreImageAsync("s.png") };

        var a = await _h.RenderAsync(request);
        var b = await _h.RenderAsync(request);

        Assert.Equal(await File.ReadAllBytesAsync(a.RawPath), await File.ReadAllBytesAsync(b.RawPath));
    }

    [Fact]
    public async Task SubmitAsync_DifferentSeed_DifferentBytes()
    {
        var a = await _h.RenderAsync(LocalEngineHarness.Request(seed: 1));
        var b = await _h.RenderAsync(LocalEngineHarness.Request(seed: 2));

        Assert.NotEqual(await File.ReadAllBytesAsync(a.RawPath), await File.ReadAllBytesAsync(b.RawPath));
    }

    [Fact]
    public async Task SubmitAsync_UnseededSameJobId_SeedFromIdAndSameBytes()
    {
        var request = LocalEngineHarness.Request(seed: null);
        const string id = "0197a3c0-1111-7000-8000-00000000abcd";

        var a = await _h.RenderAsync(request, id);
        var b = await _h.RenderAsync(request, id);

        Assert.Equal(await File.ReadAllBytesAsync(a.RawPath), await File.ReadAllBytesAsync(b.RawPath));
        Assert.Equal(LocalEngine.SeedOf(LocalEngineHarness.Job(request, id)), LocalEngine.SeedOf(LocalEngineHarness.Job(request, id)));
        Assert.NotEqual(LocalEngine.SeedOf(LocalEngineHarness.Job(request, id)), LocalEngine.SeedOf(LocalEngineHarness.Job(request, id + "0")));
        Assert.InRange(LocalEngine.SeedOf(LocalEngineHarness.Job(request, id)), 0, uint.MaxValue);
    }

    [Fact]
    public void SeedOf_SeededRequest_UsesTheSeed() =>
        Assert.Equal(uint.MaxValue, LocalEngine.SeedOf(LocalEngineHarness.Job(LocalEngineHarness.Request(seed: uint.MaxValue))));

    [Theory]
    [InlineData(0L)]
    [InlineData(4294967295L)]
    public async Task SubmitAsync_SeedAtValidatorBounds_Renders(long seed)
    {
        var render = await _h.RenderAsync(LocalEngineHarness.Request(seed: seed));

        AssertValidClip(render.RawPath, 1280, 720, 1);
    }

    [Fact]
    public async Task SubmitAsync_PromptWithFilterAndExpansionSyntax_RendersLiterally()
    {
        const string prompt = "He said \"it's 100% done\": C:\\path\\to; [x] {y}\n\tnext line 🎬🚀 %{pts} %{localtime} ${HOME} 'quote' `tick` , = :";

        var render = await _h.RenderAsync(LocalEngineHarness.Request(prompt: prompt));

        AssertValidClip(render.RawPath, 1280, 720, 1);
        var title = await File.ReadAllTextAsync(Path.Combine(render.WorkDir, "title.txt"));
        Assert.Contains("%{pts}", title);
        Assert.Contains("100%", title);
        Assert.Contains("C:\\path\\to;", title);
        Assert.Contains("🎬🚀", title);
        Assert.DoesNotContain('\t', title);
    }

    [Fact]
    public async Task SubmitAsync_PromptRendersText_FramesDifferFromBackgroundOnly()
    {
        // The title must actually be drawn: the same seed with an empty-ish and a long prompt give different pictures.
        var a = await _h.RenderAsync(LocalEngineHarness.Request(prompt: "A"));
        var b = await _h.RenderAsync(LocalEngineHarness.Request(prompt: "WWWWWWWW WWWWWWWW WWWWWWWW WWWWWWWW"));

        var fa = TestMedia.GreyFrame(a.RawPath, 23, 64, 36);
        var fb = TestMedia.GreyFrame(b.RawPath, 23, 64, 36);
        Assert.True(TestMedia.MeanAbsDiff(fa, fb) > 2, "the prompt text should change the picture");
    }

    [Fact]
    public async Task SubmitAsync_MissingStoredStartImage_FailsAsInvalidInput()
    {
        var render = await _h.RenderAsync(LocalEngineHarness.Request() with { StartImage = "blob:inputs/nowhere.png" });

        Assert.Equal(EngineOutcomeKind.Failed, render.Outcome.Kind);
        Assert.Equal(JobErrorCodes.InvalidInput, render.Outcome.ErrorCode);
        Assert.False(render.Outcome.Retryable);
    }

    [Fact]
    public async Task SubmitAsync_MissingStoredEndImage_FailsAsInvalidInput()
    {
        var start = await _h.StoreImageAsync("only-start.png");

        var render = await _h.RenderAsync(LocalEngineHarness.Request() with { StartImage = start, EndImage = "blob:inputs/gone.png" });

        Assert.Equal(EngineOutcomeKind.Failed, render.Outcome.Kind);
        Assert.Equal(JobErrorCodes.InvalidInput, render.Outcome.ErrorCode);
    }

    [Fact]
    public async Task SubmitAsync_StoredStartImageIsGarbage_FailsAsInvalidInputNotRetried()
    {
        using (var garbage = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(new string('x', 5000))))
            await _h.Blobs.PutAsync("inputs/garbage.png", garbage, "image/png", CancellationToken.None);

        var render = await _h.RenderAsync(LocalEngineHarness.Request() with { StartImage = "blob:inputs/garbage.png" });

        Assert.Equal(EngineOutcomeKind.Failed, render.Outcome.Kind);
        Assert.Equal(JobErrorCodes.InvalidInput, render.Outcome.ErrorCode);
        Assert.False(render.Outcome.Retryable);
    }

    [Fact]
    public async Task SubmitAsync_CanceledAfterFirstProgress_KillsFfmpegAtOnce()
    {
        // Long enough (10 s at 1080p) that it cannot finish before the cancel lands.
        var request = LocalEngineHarness.Request(seconds: 10) with { Mode = VideoMode.Pro };
        var dir = _h.NewWorkDir();
        var progress = new RecordingProgress();
        using var cts = new CancellationTokenSource();

        var render = _h.Engine.SubmitAsync(new EngineContext(LocalEngineHarness.Job(request), dir, progress), cts.Token);
        await progress.FirstReport.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEmpty(TestMedia.FfmpegProcessesIn(dir));
        var clock = Stopwatch.StartNew();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => render);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"cancel took {clock.Elapsed}");
        Assert.Empty(TestMedia.FfmpegProcessesIn(dir));
        Assert.True(progress.Reports[^1] < 90, "the render should not have been near its end");
    }
}
