using Reelay.Jobs;

namespace Reelay.Providers.Leonardo;

/// <summary>
/// Leonardo's <c>resolution</c> enum. Reelay renders two quality classes: RESOLUTION_480 and RESOLUTION_720 run in
/// <c>std</c> mode (720p class), RESOLUTION_1080 in <c>pro</c> mode (1080p class).
/// </summary>
public static class LeonardoResolution
{
    public const string Default = "RESOLUTION_720";
    public static readonly IReadOnlyList<string> All = ["RESOLUTION_480", "RESOLUTION_720", "RESOLUTION_1080"];

    /// <summary>The enum value's short side in pixels, or null when it is not one of <see cref="All"/>.</summary>
    public static int? ShortSide(string value) => value switch
    {
        "RESOLUTION_480" => 480,
        "RESOLUTION_720" => 720,
        "RESOLUTION_1080" => 1080,
        _ => null,
    };

    /// <summary>The canonical resolution class (<see cref="VideoRequest.Resolution"/>) of a short side: <c>480p</c>, <c>720p</c> or <c>1080p</c>.</summary>
    public static string Canonical(int shortSide) => $"{shortSide}p";

    public static VideoMode Mode(int shortSide) => shortSide >= 1080 ? VideoMode.Pro : VideoMode.Std;
}
