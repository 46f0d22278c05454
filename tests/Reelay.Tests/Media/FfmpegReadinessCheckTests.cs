using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Reelay.Media;
using Reelay.Tests.Support;

namespace Reelay.Tests.Media;

/// <summary>ffmpeg disappearing shows on /readyz within seconds, not after a long cache (found by the faults campaign).</summary>
public sealed class FfmpegReadinessCheckTests : IDisposable
{
    private readonly TempDirectory _temp = new("reelay-ffmpeg-ready");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task IsReadyAsync_BinaryRemoved_FailingWithinSeconds()
    {
        var link = Path.Combine(_temp.Path, "ffmpeg");
        File.CreateSymbolicLink(link, "/usr/bin/ffmpeg");
        var time = new FakeTimeProvider();
        var check = new FfmpegReadinessCheck(new FfmpegRunner(Options.Create(new MediaOptions { FfmpegPath = link })), time);
        Assert.True(await check.IsReadyAsync(CancellationToken.None));

        File.Delete(link);
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.False(await check.IsReadyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task IsReadyAsync_ProbeSlowerThanCaller_LastAnswerThenFreshOne()
    {
        var (ffmpeg, slowFlag) = SlowableFfmpeg();
        var time = new FakeTimeProvider();
        var check = new FfmpegReadinessCheck(new FfmpegRunner(Options.Create(new MediaOptions { FfmpegPath = ffmpeg })), time);
        Assert.True(await check.IsReadyAsync(CancellationToken.None));

        File.WriteAllText(slowFlag, "");
        time.Advance(TimeSpan.FromSeconds(3));
        using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var started = System.Diagnostics.Stopwatch.StartNew();

        Assert.True(await check.IsReadyAsync(impatient.Token));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"answered after {started.Elapsed}; the slow probe held the caller");
    }

    [Fact]
    public async Task IsReadyAsync_ProbeSlowerThanCallerWithNoAnswerYet_Cancelled()
    {
        var (ffmpeg, slowFlag) = SlowableFfmpeg();
        File.WriteAllText(slowFlag, "");
        var check = new FfmpegReadinessCheck(new FfmpegRunner(Options.Create(new MediaOptions { FfmpegPath = ffmpeg })), new FakeTimeProvider());
        using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => check.IsReadyAsync(impatient.Token));
    }

    /// <summary>An ffmpeg that takes 3 s to start while the flag file exists (a node too busy to start processes quickly).</summary>
    private (string Ffmpeg, string SlowFlag) SlowableFfmpeg()
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("uses a shell script as ffmpeg");
        var ffmpeg = Path.Combine(_temp.Path, "ffmpeg-slowable");
        var flag = Path.Combine(_temp.Path, "slow");
        File.WriteAllText(ffmpeg, $"#!/bin/sh\nif [ -e '{flag}' ]; then sleep 3; fi\nexec /usr/bin/ffmpeg \"$@\"\n");
        File.SetUnixFileMode(ffmpeg, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return (ffmpeg, flag);
    }
}
