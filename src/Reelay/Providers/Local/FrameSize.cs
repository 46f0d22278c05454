using Reelay.Jobs;

namespace Reelay.Providers.Local;

/// <summary>Output size of the local engine from aspect ratio and mode: std is the 720p class, pro the 1080p class.</summary>
public static class FrameSize
{
    public static (int Width, int Height) For(string aspectRatio, VideoMode mode)
    {
        var shortSide = mode == VideoMode.Pro ? 1080 : 720;
        var (w, h) = aspectRatio switch
        {
            "16:9" => (16, 9),
            "9:16" => (9, 16),
            "1:1" => (1, 1),
            "4:3" => (4, 3),
            "3:4" => (3, 4),
            "21:9" => (21, 9),
            _ => throw new ArgumentOutOfRangeException(nameof(aspectRatio), aspectRatio, "unsupported aspect ratio"),
        };
        return w >= h ? (Even(shortSide * (double)w / h), shortSide) : (shortSide, Even(shortSide * (double)h / w));

        static int Even(double v) => (int)Math.Round(v / 2) * 2;
    }
}
