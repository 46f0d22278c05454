namespace Reelay.Media;

/// <summary>Format and pixel size read from an image's header.</summary>
public sealed record ImageHeader(ImageFormat Format, int Width, int Height)
{
    public string Extension => Format switch
    {
        ImageFormat.Jpeg => "jpg",
        ImageFormat.Png => "png",
        _ => "webp",
    };
}
