using System.Text.Json.Serialization;

namespace Reelay.Client;

/// <summary>One event from a video's live event stream.</summary>
public sealed record VideoEvent
{
    /// <summary>Position in the video's timeline (the SSE <c>id</c>); pass it to resume a stream after it.</summary>
    [JsonIgnore]
    public long? Sequence { get; init; }

    /// <summary>The video this event belongs to.</summary>
    [JsonPropertyName("id")]
    public string? VideoId { get; init; }

    /// <summary>created, started, submitted, progress, succeeded, failed or canceled.</summary>
    public string Type { get; init; } = "";

    /// <summary>The video's status after the event.</summary>
    public VideoStatus? Status { get; init; }

    /// <summary>The video's progress (0..100) after the event.</summary>
    public int? Progress { get; init; }

    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? At { get; init; }
}
