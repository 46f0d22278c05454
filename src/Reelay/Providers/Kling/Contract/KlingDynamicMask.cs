using System.Text.Json.Serialization;

namespace Reelay.Providers.Kling.Contract;

/// <summary>One <c>dynamic_masks</c> item: a mask image (URL or raw base64) and its 2..77-point trajectory.</summary>
public sealed record KlingDynamicMask(
    [property: JsonPropertyName("mask")] string Mask,
    [property: JsonPropertyName("trajectories")] IReadOnlyList<KlingTrajectoryPoint> Trajectories);
