namespace Reelay.Media;

/// <summary>ffmpeg or ffprobe could not be started (not installed, or a wrong path in Reelay:Media).</summary>
public sealed class MediaToolMissingException(string tool, Exception inner)
    : Exception($"'{tool}' could not be started; install ffmpeg (apt-get install ffmpeg) or set Reelay:Media:FfmpegPath/FfprobePath", inner);
