namespace Reelay.Media;

/// <summary>What ffprobe measured on a file (first video stream and container).</summary>
public sealed record MediaInfo(double? DurationSeconds, int Width, int Height, string? Codec, long Bytes, bool HasAudio, int? Frames);
