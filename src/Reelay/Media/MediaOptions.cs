namespace Reelay.Media;

/// <summary>Section <c>Reelay:Media</c>: where the ffmpeg tools are and how results are encoded.</summary>
public sealed class MediaOptions
{
    public const string Section = "Reelay:Media";

    /// <summary>x264's presets, fastest first.</summary>
    public static readonly IReadOnlyList<string> Presets = ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow", "placebo"];

    /// <summary>ffmpeg executable: a path, or a name looked up on PATH.</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>ffprobe executable: a path, or a name looked up on PATH.</summary>
    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>x264 preset of the local engine and of <c>min</c> transcodes (speed against size).</summary>
    public string Preset { get; set; } = "veryfast";

    /// <summary>Largest upstream result accepted for ingest.</summary>
    public long MaxResultBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Font for title cards; the first existing of these is used.</summary>
    public string FontFile { get; set; } = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    /// <summary>
    /// BENCHMARK ONLY, off by default: an upstream's result URL is not downloaded and no raw/min/poster is made; the
    /// job completes the moment the upstream reported success, with empty outputs whose links answer 404. Lets
    /// benchmark B3 drive 100,000 upstream jobs on two cores, where 100,000 ffmpeg ingests are impossible. Never set
    /// it in production: completed jobs would have no video.
    /// </summary>
    public bool SkipRemoteIngest { get; set; }
}
