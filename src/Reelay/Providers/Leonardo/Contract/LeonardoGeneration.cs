using System.Text.Json.Serialization;

namespace Reelay.Providers.Leonardo.Contract;

/// <summary>A generation as <c>GET /generations/{id}</c> and the callback show it.</summary>
public sealed record LeonardoGeneration
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    /// <summary>PENDING, COMPLETE or FAILED.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }
    /// <summary>ISO-8601 UTC without offset, as Leonardo (Hasura <c>timestamp</c>) writes it.</summary>
    [JsonPropertyName("createdAt")] public required string CreatedAt { get; init; }
    [JsonPropertyName("prompt")] public string? Prompt { get; init; }
    [JsonPropertyName("negativePrompt")] public string? NegativePrompt { get; init; }
    [JsonPropertyName("imageHeight")] public int ImageHeight { get; init; }
    [JsonPropertyName("imageWidth")] public int ImageWidth { get; init; }
    [JsonPropertyName("seed")] public long? Seed { get; init; }
    [JsonPropertyName("public")] public bool Public { get; init; }
    [JsonPropertyName("motion")] public bool Motion { get; init; } = true;
    [JsonPropertyName("motionModel")] public required string MotionModel { get; init; }
    [JsonPropertyName("promptMagic")] public bool PromptMagic { get; init; }
    [JsonPropertyName("generated_images")] public required IReadOnlyList<LeonardoGeneratedImage> GeneratedImages { get; init; }
}
