namespace Reelay.Jobs;

/// <summary>The three variants of a finished job: as produced, optimized (≤720p, faststart) and a JPEG poster.</summary>
public sealed record JobOutputs(VideoOutput Raw, VideoOutput Min, VideoOutput Poster)
{
    public VideoOutput? Get(string variant) => variant switch
    {
        "raw" => Raw,
        "min" => Min,
        "poster" => Poster,
        _ => null,
    };
}
