using System.Text.Json.Serialization;

namespace Reelay.Client;

/// <summary>A video generation job and, once completed, its results.</summary>
public sealed record Video
{
    /// <summary>The video id, used in every other call.</summary>
    public required string Id { get; init; }
    /// <summary>Always <c>video</c>.</summary>
    public string Object { get; init; } = "video";
    /// <summary>Lifecycle state.</summary>
    public VideoStatus Status { get; init; }
    /// <summary>Percent done, 0 to 100.</summary>
    public int Progress { get; init; }
    public string? Model { get; init; }

    /// <summary>The API the job was created through (native, kling, higgsfield, highway, hyprlab, leonardo, apiframe).</summary>
    public string? Dialect { get; init; }
    public string? Prompt { get; init; }
    public string? NegativePrompt { get; init; }
    /// <summary>Length in seconds.</summary>
    public int? Duration { get; init; }
    /// <summary>e.g. <c>16:9</c>.</summary>
    public string? AspectRatio { get; init; }
    /// <summary><c>std</c> or <c>pro</c>.</summary>
    public string? Mode { get; init; }
    public long? Seed { get; init; }
    /// <summary>The caller's own reference, as sent at creation.</summary>
    public string? ExternalId { get; init; }
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? CreatedAt { get; init; }
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? StartedAt { get; init; }
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? CompletedAt { get; init; }
    /// <summary>When the stored results (and their URLs) stop being available.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Set when <see cref="Status"/> is <see cref="VideoStatus.Failed"/>.</summary>
    public VideoError? Error { get; init; }
    /// <summary>Set when <see cref="Status"/> is <see cref="VideoStatus.Completed"/>.</summary>
    public VideoOutputs? Outputs { get; init; }

    /// <summary>True once the status is final (completed, failed or canceled); it will not change again.</summary>
    [JsonIgnore]
    public bool IsTerminal => Status is VideoStatus.Completed or VideoStatus.Failed or VideoStatus.Canceled;

    /// <summary>
    /// How long the server asked callers to wait before polling again (the response's <c>Retry-After</c>);
    /// null when it gave no hint or the video is final. Not part of the JSON body.
    /// </summary>
    [JsonIgnore]
    public TimeSpan? RetryAfter { get; init; }
}
