namespace Reelay.Client;

/// <summary>Which rendition of a finished video to download.</summary>
public enum VideoVariant
{
    /// <summary>The original file as generated.</summary>
    Raw,
    /// <summary>A smaller, web-friendly encoding.</summary>
    Min,
    /// <summary>A still image (poster frame).</summary>
    Poster,
}
