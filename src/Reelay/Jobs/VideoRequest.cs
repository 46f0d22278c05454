using Reelay.Webhooks;
namespace Reelay.Jobs;

/// <summary>
/// The canonical generation request every dialect translates into. Images are stored references
/// (<c>blob:</c> keys) once the job is accepted, never the caller's URL, so a job stays runnable
/// after the caller's link expires.
/// </summary>
public sealed record VideoRequest
{
    public required string Model { get; init; }
    public string? Prompt { get; init; }
    public string? NegativePrompt { get; init; }
    public double? CfgScale { get; init; }
    public int DurationSeconds { get; init; } = 5;
    public string AspectRatio { get; init; } = "16:9";
    public VideoMode Mode { get; init; } = VideoMode.Std;

    /// <summary>The output resolution class the caller named (<c>480p</c>, <c>720p</c>, <c>1080p</c>); null: the mode's class. Prices may depend on it.</summary>
    public string? Resolution { get; init; }
    public string? StartImage { get; init; }
    public string? EndImage { get; init; }
    public long? Seed { get; init; }
    public bool EnhancePrompt { get; init; }
    public CameraControl? CameraControl { get; init; }
    public WebhookTarget? Webhook { get; init; }
    public string? ExternalId { get; init; }
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>
    /// What a provider dialect needs to remember about the request that has no canonical field (Kling
    /// <c>callback_url</c>, APIFrame <c>webhook_secret</c>, ...), keyed <c>"&lt;dialect&gt;.&lt;field&gt;"</c>.
    /// Only the dialect that wrote an entry reads it.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Extensions { get; init; }

    /// <summary>The extension <paramref name="key"/>, or null.</summary>
    public string? Extension(string key) => Extensions is not null && Extensions.TryGetValue(key, out var v) ? v : null;
}
