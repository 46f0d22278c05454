using Microsoft.Extensions.Options;
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
        var time = new ManualTimeProvider();
        var check = new FfmpegReadinessCheck(new FfmpegRunner(Options.Create(new MediaOptions { FfmpegPath = link })), time);
        Assert.True(await check.IsReadyAsync(CancellationToken.None));

        File.Delete(link);
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.False(await check.IsReadyAsync(CancellationToken.None));
    }
}
