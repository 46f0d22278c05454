using System.Text.Json.Serialization;

namespace Reelay.Client;

/// <summary>One try at delivering a webhook.</summary>
public sealed record WebhookDeliveryAttempt
{
    /// <summary>1-based attempt number.</summary>
    public int Attempt { get; init; }
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? At { get; init; }
    /// <summary>The receiver's HTTP status; null when no response arrived.</summary>
    public int? StatusCode { get; init; }
    /// <summary>Why no response arrived (timeout, connection error, blocked destination).</summary>
    public string? Error { get; init; }
    public int? DurationMs { get; init; }
}
