using System.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Reelay.Media;
using Reelay.Tests.Support;

namespace Reelay.Tests.Media;

public sealed class FfmpegRunnerTests : IDisposable
{
    private readonly TempDirectory _temp = new("reelay-ffmpeg");

    public void Dispose() => _temp.Dispose();

    private static FfmpegRunner Runner(MediaOptions? options = null) => new(Options.Create(options ?? new MediaOptions()));

    private static readonly MediaOptions Missing = new() { FfmpegPath = "/nonexistent/ffmpeg", FfprobePath = "/nonexistent/ffprobe" };

    [Fact]
    public async Task RunFfmpegAsync_WithProgress_ReportsRisingOutputTime()
    {
        var seconds = new List<double>();

        var result = await Runner().RunFfmpegAsync(
            ["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24", "-frames:v", "48", "-c:v", "libx264", "-preset", "ultrafast", "out.mp4"],
            s => { lock (seconds) seconds.Add(s); }, CancellationToken.None, _temp.Path);

        Assert.True(result.Succeeded, result.ErrorTail);
        Assert.True(File.Exists(_temp.File("out.mp4")), "relative output resolves in the working directory");
        Assert.NotEmpty(seconds);
        Assert.Equal(seconds.Order(), seconds);
        Assert.InRange(seconds[^1], 1.5, 2.0);
    }

    [Fact]
    public async Task RunFfmpegAsync_BadArguments_FailsWithErrorTail()
    {
        var result = await Runner().RunFfmpegAsync(["-i", "does-not-exist.mp4", "out.mp4"], null, CancellationToken.None, _temp.Path);

        Assert.False(result.Succeeded);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("does-not-exist.mp4", result.ErrorTail);
    }

    [Fact]
    public async Task RunFfmpegAsync_ArgumentsWithShellSyntax_PassedVerbatim()
    {
        // A list of arguments, never a shell: this name would run a command if it went through one.
        var name = "$(touch pwned); `touch pwned2` 'x' \"y\".mp4";

        var result = await Runner().RunFfmpegAsync(
            ["-f", "lavfi", "-i", "testsrc2=size=64x64:rate=24", "-frames:v", "2", "-c:v", "libx264", "-preset", "ultrafast", name], null, CancellationToken.None, _temp.Path);

        Assert.True(result.Succeeded, result.ErrorTail);
        Assert.True(File.Exists(_temp.File(name)));
        Assert.False(File.Exists(_temp.File("pwned")));
        Assert.False(File.Exists(_temp.File("pwned2")));
    }

    [Fact]
    public async Task RunFfmpegAsync_Canceled_KillsProcessPromptly()
    {
        using var cts = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var run = Runner().RunFfmpegAsync(
            ["-re", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24", "-t", "60", "-c:v", "libx264", "-preset", "ultrafast", "out.mp4"],
            _ => started.TrySetResult(), cts.Token, _temp.Path);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.NotEmpty(TestMedia.FfmpegProcessesIn(_temp.Path));
        var clock = Stopwatch.StartNew();

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Empty(TestMedia.FfmpegProcessesIn(_temp.Path));
    }

    [Fact]
    public async Task RunFfprobeAsync_Video_ReturnsStandardOutput()
    {
        var clip = TestMedia.Video(_temp.File("c.mp4"), 320, 180, 1, audio: false);

        var result = await Runner().RunFfprobeAsync(["-show_entries", "stream=width", "-of", "csv=p=0", clip], CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal("320", result.Output.Trim());
    }

    [Fact]
    public async Task RunFfmpegAsync_ToolMissing_ThrowsNamingTheSetting()
    {
        var ex = await Assert.ThrowsAsync<MediaToolMissingException>(() => Runner(Missing).RunFfmpegAsync(["-version"], null, CancellationToken.None));

        Assert.Contains("/nonexistent/ffmpeg", ex.Message);
        Assert.Contains("Reelay:Media:FfmpegPath", ex.Message);
    }

    [Fact]
    public async Task IsAvailableAsync_InstalledOrMissing_TrueOrFalse()
    {
        Assert.True(await Runner().IsAvailableAsync(CancellationToken.None));
        Assert.False(await Runner(Missing).IsAvailableAsync(CancellationToken.None));
        Assert.False(await Runner(new MediaOptions { FfprobePath = "/nonexistent/ffprobe" }).IsAvailableAsync(CancellationToken.None));
    }

    [Fact]
    public async Task IsReadyAsync_WithinCacheWindow_ReusesAnswer()
    {
        var time = new FakeTimeProvider();
        var dir = _temp.Sub("tools");
        var ffmpeg = Path.Combine(dir, "ffmpeg");
        File.CreateSymbolicLink(ffmpeg, "/usr/bin/ffmpeg");
        var check = new FfmpegReadinessCheck(Runner(new MediaOptions { FfmpegPath = ffmpeg }), time);

        Assert.Equal("ffmpeg", check.Name);
        Assert.True(await check.IsReadyAsync(CancellationToken.None));
        File.Delete(ffmpeg);
        time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.True(await check.IsReadyAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await check.IsReadyAsync(CancellationToken.None));
    }
}
