using System.Text.Json.Serialization;

namespace Reelay.Providers.ApiFrame.Contract;

/// <summary>
/// Body of <c>POST /kling-imagine</c> (seed 004). Types are APIFrame's: <c>duration</c> an integer,
/// <c>cfg_scale</c> a float. Inbound, Reelay reads it leniently (numeric strings accepted, unknown members
/// ignored) with <see cref="ApiFrameImagineReader"/>; outbound it is serialized as is.
/// </summary>
public sealed record ApiFrameImagineRequest
{
    [JsonPropertyName("prompt")] public required string Prompt { get; init; }
    /// <summary><see cref="ApiFrameValues.TextToVideo"/> or <see cref="ApiFrameValues.ImageToVideo"/>.</summary>
    [JsonPropertyName("generation_type")] public required string GenerationType { get; init; }
    [JsonPropertyName("negative_prompt")] public string? NegativePrompt { get; init; }
    /// <summary>Start frame, image2video only.</summary>
    [JsonPropertyName("image_url")] public string? ImageUrl { get; init; }
    /// <summary>End frame, image2video only.</summary>
    [JsonPropertyName("end_image_url")] public string? EndImageUrl { get; init; }
    [JsonPropertyName("mode")] public string? Mode { get; init; }
    /// <summary>text2video only.</summary>
    [JsonPropertyName("aspect_ratio")] public string? AspectRatio { get; init; }
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("duration")] public int? Duration { get; init; }
    [JsonPropertyName("cfg_scale")] public double? CfgScale { get; init; }
    [JsonPropertyName("webhook_url")] public string? WebhookUrl { get; init; }
    /// <summary>Echoed as the <c>x-webhook-secret</c> header of every webhook call.</summary>
    [JsonPropertyName("webhook_secret")] public string? WebhookSecret { get; init; }
}
