using System.Text.Json.Serialization;

namespace Reelay.Providers.Kling.Contract;

/// <summary>
/// The body of <c>POST /v1/videos/text2video</c> and <c>/v1/videos/image2video</c> with Kling's exact names and
/// types (note <see cref="Duration"/> is a string). Text-to-video leaves the image members null; image-to-video
/// leaves <see cref="AspectRatio"/> null. Null members are omitted on the wire.
/// </summary>
public sealed record KlingVideoRequest
{
    public const string DefaultModel = "kling-v1";

    [JsonPropertyName("model_name")] public string ModelName { get; init; } = DefaultModel;
    [JsonPropertyName("prompt")] public string? Prompt { get; init; }
    [JsonPropertyName("negative_prompt")] public string? NegativePrompt { get; init; }
    [JsonPropertyName("cfg_scale")] public double? CfgScale { get; init; }
    [JsonPropertyName("mode")] public string? Mode { get; init; }
    [JsonPropertyName("aspect_ratio")] public string? AspectRatio { get; init; }
    [JsonPropertyName("duration")] public string? Duration { get; init; }
    [JsonPropertyName("camera_control")] public KlingCameraControl? CameraControl { get; init; }
    [JsonPropertyName("callback_url")] public string? CallbackUrl { get; init; }
    [JsonPropertyName("external_task_id")] public string? ExternalTaskId { get; init; }
    /// <summary><c>on</c> or <c>off</c>; kling-v2-6 and later only.</summary>
    [JsonPropertyName("sound")] public string? Sound { get; init; }
    [JsonPropertyName("watermark_info")] public KlingWatermarkInfo? WatermarkInfo { get; init; }
    [JsonPropertyName("image")] public string? Image { get; init; }
    [JsonPropertyName("image_tail")] public string? ImageTail { get; init; }
    [JsonPropertyName("static_mask")] public string? StaticMask { get; init; }
    [JsonPropertyName("dynamic_masks")] public IReadOnlyList<KlingDynamicMask>? DynamicMasks { get; init; }
}
