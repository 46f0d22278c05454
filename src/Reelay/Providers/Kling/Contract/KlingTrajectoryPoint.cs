using System.Text.Json.Serialization;

namespace Reelay.Providers.Kling.Contract;

/// <summary>One point of a motion-brush trajectory, in image pixels with the origin at the bottom-left.</summary>
public sealed record KlingTrajectoryPoint(
    [property: JsonPropertyName("x")] int X,
    [property: JsonPropertyName("y")] int Y);
