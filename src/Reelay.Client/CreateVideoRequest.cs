using System.Text.Json.Serialization;

namespace Reelay.Client;

/// <summary>What to generate. Only <see cref="Model"/> is required; unset properties take the model's defaults.</summary>
public sealed record CreateVideoRequest
{
    /// <summary>Model id, e.g. <c>kling-v2-1</c>.</summary>
    public required string Model { get; init; }
    public string? Prompt { get; init; }
    public string? NegativePrompt { get; init; }
    /// <summary>Prompt adherence, typically 0..1.</summary>
    public double? CfgScale { get; init; }
    /// <summary>Length in seconds.</summary>
    public int? Duration { get; init; }
    /// <summary>e.g. <c>16:9</c>, <c>9:16</c>, <c>1:1</c>.</summary>
    public string? AspectRatio { get; init; }
    /// <summary><c>std</c> or <c>pro</c>.</summary>
    public string? Mode { get; init; }
    /// <summary>First frame: an http(s) URL, a data URI, or base64.</summary>
    public string? StartImage { get; init; }
    /// <summary>Last frame: an http(s) URL, a data URI, or base64.</summary>
    public string? EndImage { get; init; }
    public long? Seed { get; init; }
    public bool? EnhancePrompt { get; init; }
    public VideoCameraControl? CameraControl { get; init; }
    public VideoWebhook? Webhook { get; init; }
    /// <summary>Your own reference, echoed back on the video and in webhooks.</summary>
    public string? ExternalId { get; init; }
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>
    /// Sent as the <c>Idempotency-Key</c> header: repeating a create with the same key returns the first video
    /// instead of starting another, so a create can be retried safely after a network failure.
    /// </summary>
    [JsonIgnore]
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// Sent as <c>Prefer: wait=N</c>: the server holds the response up to this long (whole seconds) for the video
    /// to finish. Keep it below the client's <see cref="VideosClientOptions.Timeout"/>.
    /// </summary>
    [JsonIgnore]
    public TimeSpan? Wait { get; init; }
}
