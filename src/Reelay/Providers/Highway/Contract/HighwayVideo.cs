namespace Reelay.Providers.Highway.Contract;

/// <summary>A result video: a signed Reelay link, its remaining lifetime in seconds (a string) and "mp4".</summary>
public sealed record HighwayVideo(string VideoUrl, string VideoUrlTtl, string VideoType);
