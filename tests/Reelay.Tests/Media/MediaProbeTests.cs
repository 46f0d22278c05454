using Microsoft.Extensions.Options;
using Reelay.Media;
using Reelay.Tests.Support;

namespace Reelay.Tests.Media;

public sealed class MediaProbeTests : IDisposable
{
    private readonly TempDirectory _temp = new("reelay-probe");
    private readonly MediaProbe _probe = new(new FfmpegRunner(Options.Create(new MediaOptions())));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ProbeAsync_ClipWithAudio_MeasuresVideoAndAudio()
    {
        var clip = TestMedia.Video(_temp.File("a.mp4"), 640, 360, 1, audio: true);

        var info = await _probe.ProbeAsync(clip, CancellationToken.None);

        Assert.NotNull(info);
        Assert.Equal((640, 360, "h264", true, 24), (info.Width, info.Height, info.Codec, info.HasAudio, info.Frames));
        Assert.Equal(new FileInfo(clip).Length, info.Bytes);
        Assert.Equal(1.0, info.DurationSeconds!.Value, 1);
    }

    [Fact]
    public async Task ProbeAsync_Jpeg_MeasuredAsSingleImage()
    {
        var jpeg = TestMedia.Image(_temp.File("p.jpg"), 320, 240);

        var info = await _probe.ProbeAsync(jpeg, CancellationToken.None);

        Assert.NotNull(info);
        Assert.Equal((320, 240, "mjpeg", false), (info.Width, info.Height, info.Codec, info.HasAudio));
    }

    [Fact]
    public async Task ProbeAsync_AudioOnly_Null()
    {
        var audio = _temp.File("s.m4a");
        TestMedia.Ffmpeg("-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac", audio);

        Assert.Null(await _probe.ProbeAsync(audio, CancellationToken.None));
    }

    [Fact]
    public async Task ProbeAsync_TextOrMissingFile_Null()
    {
        var text = _temp.File("t.mp4");
        await File.WriteAllTextAsync(text, "not media");

        Assert.Null(await _probe.ProbeAsync(text, CancellationToken.None));
        Assert.Null(await _probe.ProbeAsync(_temp.File("missing.mp4"), CancellationToken.None));
    }
}
