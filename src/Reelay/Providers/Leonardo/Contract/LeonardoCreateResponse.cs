using System.Text.Json.Serialization;

namespace Reelay.Providers.Leonardo.Contract;

/// <summary>Answer of both video create endpoints (image-to-video and text-to-video).</summary>
public sealed record LeonardoCreateResponse(
    [property: JsonPropertyName("motionVideoGenerationJob")] LeonardoMotionJob MotionVideoGenerationJob);
