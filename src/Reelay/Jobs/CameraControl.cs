namespace Reelay.Jobs;

/// <summary>
/// Kling camera control. <see cref="Type"/> is one of simple, down_back, forward_up,
/// right_turn_forward, left_turn_forward; <c>simple</c> needs exactly one non-zero axis in [-10, 10].
/// </summary>
public sealed record CameraControl(string Type, CameraConfig? Config);
