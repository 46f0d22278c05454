namespace Reelay.Client;

/// <summary>One stored result file. Its URL is absolute and signed: it works without an API key until it expires.</summary>
public sealed record VideoOutputFile
{
    /// <summary>Absolute, signed download URL.</summary>
    public required Uri Url { get; init; }
    /// <summary>MIME type, e.g. <c>video/mp4</c> or <c>image/jpeg</c>.</summary>
    public string? ContentType { get; init; }
    /// <summary>Size in bytes.</summary>
    public long? Bytes { get; init; }
    /// <summary>Length in seconds; null for images.</summary>
    public double? Duration { get; init; }
    /// <summary>Width in pixels.</summary>
    public int? Width { get; init; }
    /// <summary>Height in pixels.</summary>
    public int? Height { get; init; }
    /// <summary>Codec name, e.g. <c>h264</c>.</summary>
    public string? Codec { get; init; }
}
