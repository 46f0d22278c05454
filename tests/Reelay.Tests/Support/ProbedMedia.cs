namespace Reelay.Tests.Support;

/// <summary>A media file as ffprobe reported it.</summary>
public sealed record ProbedMedia(IReadOnlyList<ProbedStream> Streams, double? DurationSeconds, string FormatName)
{
    public ProbedStream Video => Streams.Single(s => s.Type == "video");
    public bool HasAudio => Streams.Any(s => s.Type == "audio");
}
