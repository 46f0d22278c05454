using System.Text.Json.Serialization;

namespace Reelay.Providers.Kling.Contract;

/// <summary><c>watermark_info</c>: whether a watermarked copy is wanted as well.</summary>
public sealed record KlingWatermarkInfo([property: JsonPropertyName("enabled")] bool Enabled);
