namespace Reelay.Providers.Local;

/// <summary>The camera move the local engine animates over a start image.</summary>
public enum CameraMotion
{
    ZoomIn,
    ZoomOut,
    PanLeft,
    PanRight,
    TiltUp,
    TiltDown,
}
