namespace Reelay.Client;

/// <summary>Camera movement amounts for a <c>simple</c> camera control; each typically -10..10, at most one non-zero.</summary>
public sealed record VideoCameraConfig
{
    public double? Horizontal { get; init; }
    public double? Vertical { get; init; }
    public double? Pan { get; init; }
    public double? Tilt { get; init; }
    public double? Roll { get; init; }
    public double? Zoom { get; init; }
}
