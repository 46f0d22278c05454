using System.Text.Json.Serialization;

namespace Reelay.Providers.Kling.Contract;

/// <summary>One result video. <see cref="Duration"/> is a string of seconds (e.g. "5.042"), as Kling sends it.</summary>
public sealed record KlingVideo(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("watermark_url"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WatermarkUrl,
    [property: JsonPropertyName("duration")] string Duration);
