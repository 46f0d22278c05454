namespace Reelay.Jobs;

/// <summary>Camera movement amounts, each in [-10, 10]. Positive zoom moves in, positive horizontal pans right.</summary>
public sealed record CameraConfig(
    double Horizontal = 0,
    double Vertical = 0,
    double Pan = 0,
    double Tilt = 0,
    double Roll = 0,
    double Zoom = 0);
