using Reelay.Jobs;

namespace Reelay.Credits;

/// <summary>
/// The output resolution a request names, where its dialect has one (Leonardo's <c>resolution</c>); null otherwise, and
/// the mode alone prices it (std = 720p class, pro = 1080p class).
/// </summary>
public static class PriceResolution
{
    public static string? Of(VideoRequest request) => request.Extension(Providers.Leonardo.LeonardoExtensions.Resolution) switch
    {
        "RESOLUTION_480" => "480p",
        "RESOLUTION_720" => "720p",
        "RESOLUTION_1080" => "1080p",
        _ => null,
    };
}
