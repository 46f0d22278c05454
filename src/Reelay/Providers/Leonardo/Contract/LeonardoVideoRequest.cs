using System.Text.Json.Serialization;

namespace Reelay.Providers.Leonardo.Contract;

/// <summary>
/// Body of <c>POST /generations-image-to-video</c> (with <c>imageId</c> + <c>imageType</c>) and
/// <c>POST /generations-text-to-video</c> (without), as a client sends it. Absent members are not written, so the
/// server's defaults apply. Reelay's inbound reader (<see cref="LeonardoRequestReader"/>) reads the same members.
/// </summary>
public sealed record LeonardoVideoRequest
{
    [JsonPropertyName("prompt")] public required string Prompt { get; init; }

    [JsonPropertyName("imageId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ImageId { get; init; }

    /// <summary>UPLOADED or GENERATED.</summary>
    [JsonPropertyName("imageType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ImageType { get; init; }

    [JsonPropertyName("endFrameImage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LeonardoImageReference? EndFrameImage { get; init; }

    /// <summary>MOTION2, MOTION2FAST, VEO3, VEO3FAST, KLING2_1 or KLING2_5.</summary>
    [JsonPropertyName("model")] public required string Model { get; init; }

    /// <summary>RESOLUTION_480, RESOLUTION_720 or RESOLUTION_1080.</summary>
    [JsonPropertyName("resolution"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Resolution { get; init; }

    [JsonPropertyName("duration"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Duration { get; init; }

    [JsonPropertyName("width"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Width { get; init; }

    [JsonPropertyName("height"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Height { get; init; }

    [JsonPropertyName("seed"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Seed { get; init; }

    [JsonPropertyName("negativePrompt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NegativePrompt { get; init; }

    /// <summary>Leonardo's name (not <c>enhancePrompt</c>).</summary>
    [JsonPropertyName("promptEnhance"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? PromptEnhance { get; init; }

    [JsonPropertyName("promptEnhanceInstruction"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PromptEnhanceInstruction { get; init; }

    [JsonPropertyName("frameInterpolation"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? FrameInterpolation { get; init; }

    [JsonPropertyName("isPublic"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? IsPublic { get; init; }

    [JsonPropertyName("styleIds"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? StyleIds { get; init; }
}
