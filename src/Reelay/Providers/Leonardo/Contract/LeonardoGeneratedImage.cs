using System.Text.Json.Serialization;

namespace Reelay.Providers.Leonardo.Contract;

/// <summary>One output of a generation: <c>url</c> is the poster JPEG, <c>motionMP4URL</c> the video (signed Reelay links).</summary>
public sealed record LeonardoGeneratedImage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("motionMP4URL")] string? MotionMp4Url,
    [property: JsonPropertyName("nsfw")] bool Nsfw,
    [property: JsonPropertyName("likeCount")] int LikeCount);
