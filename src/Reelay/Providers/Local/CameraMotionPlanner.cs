using Reelay.Jobs;

namespace Reelay.Providers.Local;

/// <summary>
/// Chooses the camera move for image-to-video: from Kling <c>camera_control</c> when given, else from words
/// in the prompt ("zoom out", "pan left", ...), else a slow zoom in. Strength 0..1 scales the move.
/// </summary>
public static class CameraMotionPlanner
{
    private static readonly (string Phrase, CameraMotion Motion)[] Phrases =
    [
        ("zoom out", CameraMotion.ZoomOut), ("pull back", CameraMotion.ZoomOut), ("dolly out", CameraMotion.ZoomOut), ("pull out", CameraMotion.ZoomOut),
        ("zoom in", CameraMotion.ZoomIn), ("push in", CameraMotion.ZoomIn), ("dolly in", CameraMotion.ZoomIn), ("close-up", CameraMotion.ZoomIn),
        ("pan left", CameraMotion.PanLeft), ("truck left", CameraMotion.PanLeft), ("pan right", CameraMotion.PanRight), ("truck right", CameraMotion.PanRight),
        ("tilt up", CameraMotion.TiltUp), ("pan up", CameraMotion.TiltUp), ("crane up", CameraMotion.TiltUp),
        ("tilt down", CameraMotion.TiltDown), ("pan down", CameraMotion.TiltDown), ("crane down", CameraMotion.TiltDown),
    ];

    public static (CameraMotion Motion, double Strength) Plan(VideoRequest request)
    {
        if (request.CameraControl is { } cam) return FromCamera(cam);
        if (request.Prompt is { } prompt)
        {
            // The earliest phrase in the prompt wins, so "pan left then zoom in" pans left.
            var found = Phrases
                .Select(p => (p.Motion, Index: prompt.IndexOf(p.Phrase, StringComparison.OrdinalIgnoreCase)))
                .Where(p => p.Index >= 0)
                .OrderBy(p => p.Index)
                .ToList();
            if (found.Count > 0) return (found[0].Motion, 0.5);
        }
        return (CameraMotion.ZoomIn, 0.5);
    }

    private static (CameraMotion, double) FromCamera(CameraControl cam)
    {
        switch (cam.Type)
        {
            case "down_back": return (CameraMotion.ZoomOut, 0.6);
            case "forward_up": return (CameraMotion.ZoomIn, 0.6);
            case "right_turn_forward": return (CameraMotion.PanRight, 0.6);
            case "left_turn_forward": return (CameraMotion.PanLeft, 0.6);
        }
        var c = cam.Config ?? new CameraConfig();
        static double S(double v) => Math.Clamp(Math.Abs(v) / 10.0, 0.1, 1.0);
        if (c.Zoom != 0) return (c.Zoom > 0 ? CameraMotion.ZoomIn : CameraMotion.ZoomOut, S(c.Zoom));
        if (c.Horizontal != 0) return (c.Horizontal > 0 ? CameraMotion.PanRight : CameraMotion.PanLeft, S(c.Horizontal));
        if (c.Pan != 0) return (c.Pan > 0 ? CameraMotion.PanRight : CameraMotion.PanLeft, S(c.Pan));
        if (c.Vertical != 0) return (c.Vertical > 0 ? CameraMotion.TiltUp : CameraMotion.TiltDown, S(c.Vertical));
        if (c.Tilt != 0) return (c.Tilt > 0 ? CameraMotion.TiltUp : CameraMotion.TiltDown, S(c.Tilt));
        if (c.Roll != 0) return (CameraMotion.ZoomIn, S(c.Roll));
        return (CameraMotion.ZoomIn, 0.5);
    }
}
