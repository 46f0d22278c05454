namespace Reelay.Jobs;

/// <summary>One stored result file with the facts ffprobe measured on it.</summary>
public sealed record VideoOutput(
    string BlobKey,
    string ContentType,
    long Bytes,
    double? DurationSeconds,
    int Width,
    int Height,
    string? Codec);
