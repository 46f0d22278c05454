using System.Text.Json.Serialization;

namespace Reelay.Providers.Kling.Contract;

/// <summary><c>camera_control.config</c>: each axis in [-10, 10]; type <c>simple</c> needs exactly one non-zero.</summary>
public sealed record KlingCameraConfig(
    [property: JsonPropertyName("horizontal")] double Horizontal = 0,
    [property: JsonPropertyName("vertical")] double Vertical = 0,
    [property: JsonPropertyName("pan")] double Pan = 0,
    [property: JsonPropertyName("tilt")] double Tilt = 0,
    [property: JsonPropertyName("roll")] double Roll = 0,
    [property: JsonPropertyName("zoom")] double Zoom = 0);
