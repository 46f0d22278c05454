using Reelay.Jobs;
using Reelay.Providers.Local;

namespace Reelay.Tests.Providers.Local;

public sealed class FrameSizeTests
{
    [Theory]
    [InlineData("16:9", VideoMode.Std, 1280, 720)]
    [InlineData("16:9", VideoMode.Pro, 1920, 1080)]
    [InlineData("9:16", VideoMode.Std, 720, 1280)]
    [InlineData("9:16", VideoMode.Pro, 1080, 1920)]
    [InlineData("1:1", VideoMode.Std, 720, 720)]
    [InlineData("1:1", VideoMode.Pro, 1080, 1080)]
    [InlineData("4:3", VideoMode.Std, 960, 720)]
    [InlineData("4:3", VideoMode.Pro, 1440, 1080)]
    [InlineData("3:4", VideoMode.Std, 720, 960)]
    [InlineData("3:4", VideoMode.Pro, 1080, 1440)]
    [InlineData("21:9", VideoMode.Std, 1680, 720)]
    [InlineData("21:9", VideoMode.Pro, 2520, 1080)]
    public void For_AspectAndMode_ShortSideByModeEvenSidesAspectKept(string aspect, VideoMode mode, int width, int height)
    {
        var (w, h) = FrameSize.For(aspect, mode);

        Assert.Equal((width, height), (w, h));
        Assert.Equal(0, w % 2);
        Assert.Equal(0, h % 2);
        Assert.Equal(mode == VideoMode.Pro ? 1080 : 720, Math.Min(w, h));
        var parts = aspect.Split(':').Select(double.Parse).ToArray();
        Assert.Equal(parts[0] / parts[1], (double)w / h, 2);
    }

    [Theory]
    [InlineData("2:1")]
    [InlineData("16x9")]
    [InlineData("")]
    public void For_UnsupportedAspect_Throws(string aspect) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameSize.For(aspect, VideoMode.Std));
}
