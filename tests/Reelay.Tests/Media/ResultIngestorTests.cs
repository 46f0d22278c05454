using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Media;
using Reelay.Security;
using Reelay.Storage.Blobs;
using Reelay.Tests.Support;

namespace Reelay.Tests.Media;

public sealed class ResultIngestorTests : IClassFixture<ResultIngestorTests.Clips>, IDisposable
{
    private readonly Clips _clips;
    private readonly TempDirectory _temp = new("reelay-ingest");
    private readonly FileSystemBlobStore _blobs;

    public ResultIngestorTests(Clips clips)
    {
        _clips = clips;
        _blobs = new FileSystemBlobStore(_temp.Sub("blobs"));
    }

    /// <summary>Source clips generated once for the class.</summary>
    public sealed class Clips : IDisposable
    {
        private readonly TempDirectory _temp = new("reelay-ingest-clips");

        public Clips()
        {
            WithAudio = TestMedia.Video(_temp.File("with-audio.mp4"), 1920, 1080, 2, audio: true);
            Silent = TestMedia.Video(_temp.File("silent.mp4"), 1920, 1080, 2, audio: false);
            Small = TestMedia.Video(_temp.File("small.mp4"), 320, 180, 1, audio: false);
        }

        public string WithAudio { get; }
        public string Silent { get; }
        public string Small { get; }

        public string File(string name) => _temp.File(name);

        public void Dispose() => _temp.Dispose();
    }

    public void Dispose() => _temp.Dispose();

    private ResultIngestor Ingestor(OutboundPolicy? policy = null, MediaOptions? options = null)
    {
        var media = Options.Create(options ?? new MediaOptions());
        var runner = new FfmpegRunner(media);
        return new ResultIngestor(runner, new MediaProbe(runner), _blobs, policy ?? new OutboundPolicy(), media);
    }

    private string BlobPath(VideoOutput output) => _blobs.TryGetLocalPath(output.BlobKey) ?? throw new InvalidOperationException("not stored: " + output.BlobKey);

    private void AssertFactsMatchFfprobe(VideoOutput output, bool expectDuration)
    {
        var path = BlobPath(output);
        var probed = TestMedia.Probe(path);
        Assert.Equal(new FileInfo(path).Length, output.Bytes);
        Assert.Equal(probed.Video.Width, output.Width);
        Assert.Equal(probed.Video.Height, output.Height);
        Assert.Equal(probed.Video.Codec, output.Codec);
        if (expectDuration) Assert.Equal(probed.DurationSeconds!.Value, output.DurationSeconds!.Value, 2);
        else Assert.Null(output.DurationSeconds);
    }

    private void AssertMinVariant(VideoOutput min, int width, int height, bool audio)
    {
        Assert.Equal("video/mp4", min.ContentType);
        Assert.Equal((width, height), (min.Width, min.Height));
        Assert.True(Math.Min(min.Width, min.Height) <= 720);
        Assert.Equal(0, min.Width % 2);
        Assert.Equal(0, min.Height % 2);
        var path = BlobPath(min);
        var boxes = TestMedia.TopLevelBoxes(path).ToList();
        Assert.True(boxes.IndexOf("moov") >= 0 && boxes.IndexOf("moov") < boxes.IndexOf("mdat"), "faststart: moov before mdat, got " + string.Join(",", boxes));
        var probed = TestMedia.Probe(path);
        Assert.Equal("h264", probed.Video.Codec);
        Assert.Equal("yuv420p", probed.Video.PixelFormat);
        if (audio) Assert.Equal("aac", Assert.Single(probed.Streams, s => s.Type == "audio").Codec);
        else Assert.False(probed.HasAudio);
        AssertFactsMatchFfprobe(min, expectDuration: true);
    }

    private void AssertPoster(VideoOutput poster, int width, int height)
    {
        Assert.Equal("image/jpeg", poster.ContentType);
        var bytes = File.ReadAllBytes(BlobPath(poster));
        Assert.Equal([0xFF, 0xD8, 0xFF], bytes[..3]);
        Assert.Equal((width, height), (poster.Width, poster.Height));
        Assert.Equal("mjpeg", poster.Codec);
        AssertFactsMatchFfprobe(poster, expectDuration: false);
    }

    [Fact]
    public async Task IngestAsync_ClipWithAudio_StoresRawMinAndPoster()
    {
        var outputs = await Ingestor().IngestAsync("job-a", ResultSource.File(_clips.WithAudio), _temp.Sub("work-a"), CancellationToken.None);

        Assert.Equal(("jobs/job-a/raw.mp4", "jobs/job-a/min.mp4", "jobs/job-a/poster.jpg"), (outputs.Raw.BlobKey, outputs.Min.BlobKey, outputs.Poster.BlobKey));
        Assert.Equal(await File.ReadAllBytesAsync(_clips.WithAudio), await File.ReadAllBytesAsync(BlobPath(outputs.Raw)));
        Assert.Equal("video/mp4", outputs.Raw.ContentType);
        Assert.Equal((1920, 1080, "h264"), (outputs.Raw.Width, outputs.Raw.Height, outputs.Raw.Codec));
        Assert.Equal(2.0, outputs.Raw.DurationSeconds!.Value, 1);
        AssertFactsMatchFfprobe(outputs.Raw, expectDuration: true);
        AssertMinVariant(outputs.Min, 1280, 720, audio: true);
        Assert.True(outputs.Min.Bytes < outputs.Raw.Bytes);
        AssertPoster(outputs.Poster, 1920, 1080);
    }

    [Fact]
    public async Task IngestAsync_ClipWithoutAudio_MinHasNoAudio()
    {
        var outputs = await Ingestor().IngestAsync("job-b", ResultSource.File(_clips.Silent), _temp.Sub("work-b"), CancellationToken.None);

        AssertMinVariant(outputs.Min, 1280, 720, audio: false);
        AssertPoster(outputs.Poster, 1920, 1080);
        Assert.Equal(outputs, await Ingestor().IngestAsync("job-b", ResultSource.File(_clips.Silent), _temp.Sub("work-b2"), CancellationToken.None) with { });
    }

    [Fact]
    public async Task IngestAsync_OddSizedSmallClip_MinEvenAndNotLarger()
    {
        var odd = _clips.File($"odd-{Guid.NewGuid():N}.mp4");
        TestMedia.Ffmpeg("-f", "lavfi", "-i", "testsrc2=size=362x204:rate=24:duration=1", "-vf", "scale=361:203,format=yuv444p",
            "-c:v", "libx264", "-preset", "ultrafast", odd);

        var outputs = await Ingestor().IngestAsync("job-odd", ResultSource.File(odd), _temp.Sub("work-odd"), CancellationToken.None);

        Assert.Equal((361, 203), (outputs.Raw.Width, outputs.Raw.Height));
        Assert.Equal(ResultIngestor.MinSize(361, 203), (outputs.Min.Width, outputs.Min.Height));
        AssertMinVariant(outputs.Min, outputs.Min.Width, outputs.Min.Height, audio: false);
        AssertPoster(outputs.Poster, 361, 203);
    }

    [Fact]
    public async Task IngestAsync_PreparedOutputs_ReturnedUnchangedWithoutFfmpeg()
    {
        var prepared = new JobOutputs(
            new VideoOutput("jobs/noop/raw.mp4", "video/mp4", 10, 1, 320, 180, "h264"),
            new VideoOutput("jobs/noop/min.mp4", "video/mp4", 9, 1, 320, 180, "h264"),
            new VideoOutput("jobs/noop/poster.jpg", "image/jpeg", 8, null, 320, 180, "mjpeg"));
        // Tools that cannot start: touching ffmpeg or ffprobe would throw MediaToolMissingException.
        var ingestor = Ingestor(options: new MediaOptions { FfmpegPath = "/nonexistent/ffmpeg", FfprobePath = "/nonexistent/ffprobe" });
        var work = _temp.File("work-prepared");

        var outputs = await ingestor.IngestAsync("job-p", ResultSource.Stored(prepared), work, CancellationToken.None);

        Assert.Same(prepared, outputs);
        Assert.False(Directory.Exists(work));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.File("blobs")));
    }

    [Theory]
    [InlineData("this is not a video")]
    [InlineData("")]
    public async Task IngestAsync_NotAVideo_ThrowsIngestExceptionAndStoresNothing(string content)
    {
        var path = _temp.File($"bogus-{Guid.NewGuid():N}.mp4");
        await File.WriteAllTextAsync(path, content);

        await Assert.ThrowsAsync<IngestException>(() => Ingestor().IngestAsync("job-x", ResultSource.File(path), _temp.Sub($"work-{Guid.NewGuid():N}"), CancellationToken.None));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.File("blobs")));
    }

    [Fact]
    public async Task IngestAsync_StillImage_PermanentIngestException()
    {
        var png = TestMedia.Image(_temp.File($"still-{Guid.NewGuid():N}.png"), 640, 360);

        var ex = await Assert.ThrowsAsync<IngestException>(() => Ingestor().IngestAsync("job-s", ResultSource.File(png), _temp.Sub($"work-{Guid.NewGuid():N}"), CancellationToken.None));

        Assert.True(ex.Permanent);
        Assert.Contains("still image", ex.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.File("blobs")));
    }

    [Fact]
    public async Task IngestAsync_ToolMissing_ThrowsMediaToolMissing()
    {
        var ingestor = Ingestor(options: new MediaOptions { FfmpegPath = "/nonexistent/ffmpeg", FfprobePath = "/nonexistent/ffprobe" });

        await Assert.ThrowsAsync<MediaToolMissingException>(() => ingestor.IngestAsync("job-m", ResultSource.File(_clips.Small), _temp.Sub("work-m"), CancellationToken.None));
    }

    private static Task<WebApplication> ServeAsync(string path, byte[] body, bool chunked = false) =>
        LoopbackServer.StartAsync(app => app.MapGet(path, async (HttpContext context) =>
        {
            context.Response.ContentType = "video/mp4";
            if (!chunked) context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body);
        }));

    [Fact]
    public async Task IngestAsync_RemoteUrlOnAllowedLoopback_DownloadsAndIngests()
    {
        var bytes = await File.ReadAllBytesAsync(_clips.Small);
        await using var server = await ServeAsync("/result.mp4", bytes);

        var outputs = await Ingestor(new OutboundPolicy { AllowLoopback = true })
            .IngestAsync("job-r", ResultSource.Remote(new Uri(server.BaseAddress(), "/result.mp4")), _temp.Sub("work-r"), CancellationToken.None);

        Assert.Equal(bytes, await File.ReadAllBytesAsync(BlobPath(outputs.Raw)));
        AssertMinVariant(outputs.Min, 320, 180, audio: false);
        AssertPoster(outputs.Poster, 320, 180);
    }

    [Fact]
    public async Task IngestAsync_SkipRemoteIngestSet_CompletesWithoutDownloadingOrStoring()
    {
        var requests = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/result.mp4", () => { Interlocked.Increment(ref requests); return "x"; }));

        var outputs = await Ingestor(new OutboundPolicy { AllowLoopback = true }, new MediaOptions { SkipRemoteIngest = true })
            .IngestAsync("job-s", ResultSource.Remote(new Uri(server.BaseAddress(), "/result.mp4")), _temp.Sub("work-s"), CancellationToken.None);

        Assert.Equal(0, requests);
        Assert.Equal("jobs/job-s/raw.mp4", outputs.Raw.BlobKey);
        Assert.Equal(0, outputs.Raw.Bytes);
        Assert.False(Directory.Exists(_temp.File("blobs/jobs/job-s")));
    }

    [Fact]
    public async Task IngestAsync_SkipRemoteIngestSetForLocalFile_StillIngests()
    {
        var outputs = await Ingestor(options: new MediaOptions { SkipRemoteIngest = true })
            .IngestAsync("job-sl", ResultSource.File(_clips.Small), _temp.Sub("work-sl"), CancellationToken.None);

        Assert.Equal(new FileInfo(_clips.Small).Length, new FileInfo(BlobPath(outputs.Raw)).Length);
    }

    [Fact]
    public async Task IngestAsync_RemoteUrlOnLoopbackUnderDefaultPolicy_RefusedWithoutRequest()
    {
        var requests = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/result.mp4", () => { Interlocked.Increment(ref requests); return "x"; }));

        var ex = await Assert.ThrowsAsync<IngestException>(() => Ingestor()
            .IngestAsync("job-d", ResultSource.Remote(new Uri(server.BaseAddress(), "/result.mp4")), _temp.Sub("work-d"), CancellationToken.None));

        Assert.True(ex.Permanent);
        Assert.Contains("forbids", ex.Message);
        Assert.Equal(0, requests);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.File("blobs")));
    }

    [Fact]
    public async Task IngestAsync_RemoteUrlNotFound_ThrowsIngestExceptionWithStatus()
    {
        await using var server = await LoopbackServer.StartAsync(_ => { });

        var ex = await Assert.ThrowsAsync<IngestException>(() => Ingestor(new OutboundPolicy { AllowLoopback = true })
            .IngestAsync("job-404", ResultSource.Remote(new Uri(server.BaseAddress(), "/missing.mp4")), _temp.Sub("work-404"), CancellationToken.None));

        Assert.Contains("404", ex.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task IngestAsync_RemoteResultOverLimit_ThrowsIngestException(bool chunked)
    {
        var bytes = await File.ReadAllBytesAsync(_clips.Small);
        await using var server = await ServeAsync("/big.mp4", bytes, chunked);
        var ingestor = Ingestor(new OutboundPolicy { AllowLoopback = true }, new MediaOptions { MaxResultBytes = bytes.Length - 1 });

        var ex = await Assert.ThrowsAsync<IngestException>(() => ingestor
            .IngestAsync("job-big", ResultSource.Remote(new Uri(server.BaseAddress(), "/big.mp4")), _temp.Sub($"work-{chunked}"), CancellationToken.None));

        Assert.Contains("MaxResultBytes", ex.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.File("blobs")));
    }

    [Theory]
    [InlineData(1920, 1080, 1280, 720)]
    [InlineData(1080, 1920, 720, 1280)]
    [InlineData(3840, 2160, 1280, 720)]
    [InlineData(2520, 1080, 1680, 720)]
    [InlineData(1080, 1080, 720, 720)]
    [InlineData(1280, 720, 1280, 720)]
    [InlineData(720, 1280, 720, 1280)]
    [InlineData(640, 360, 640, 360)]
    [InlineData(320, 180, 320, 180)]
    [InlineData(1921, 1081, 1280, 720)]
    [InlineData(1081, 721, 1080, 720)]
    [InlineData(361, 203, 360, 204)]
    [InlineData(1, 1, 2, 2)]
    public void MinSize_Dimensions_ShortSideAtMost720AndEven(int width, int height, int expectedWidth, int expectedHeight)
    {
        var (w, h) = ResultIngestor.MinSize(width, height);

        Assert.Equal((expectedWidth, expectedHeight), (w, h));
        Assert.True(Math.Min(w, h) <= 720);
        Assert.Equal(0, w % 2);
        Assert.Equal(0, h % 2);
        Assert.Equal((double)width / height, (double)w / h, 1);
    }
}
