namespace Reelay.Media;

/// <summary>How an ffmpeg/ffprobe run ended. <see cref="ErrorTail"/> holds the last lines of stderr for messages.</summary>
public sealed record FfmpegResult(int ExitCode, string Output, string ErrorTail)
{
    public bool Succeeded => ExitCode == 0;
}
