using System.Text.Json.Serialization;

namespace Reelay.Providers.Kling.Contract;

/// <summary><c>camera_control</c>: type simple, down_back, forward_up, right_turn_forward or left_turn_forward.</summary>
public sealed record KlingCameraControl(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("config"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] KlingCameraConfig? Config);
