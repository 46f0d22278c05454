namespace Reelay.Media;

public enum ImageFormat
{
    Jpeg,
    Png,
    WebP,
}
