namespace Reelay.Client;

/// <summary>The results of a completed video: the original, a smaller encoding, and a poster image.</summary>
public sealed record VideoOutputs
{
    /// <summary>The original file as generated.</summary>
    public VideoOutputFile? Raw { get; init; }
    /// <summary>A smaller, web-friendly encoding.</summary>
    public VideoOutputFile? Min { get; init; }
    /// <summary>A still image.</summary>
    public VideoOutputFile? Poster { get; init; }
}
