using System.Text.Json.Serialization;

namespace Reelay.Providers.Leonardo.Contract;

/// <summary>
/// The callback body: <c>{"type":"video_generation.complete","object":"generation","timestamp":ms,"api_version":"v1",
/// "data":{"object":generation}}</c>.
/// </summary>
public sealed record LeonardoWebhookEvent(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("timestamp")] long Timestamp,
    [property: JsonPropertyName("api_version")] string ApiVersion,
    [property: JsonPropertyName("data")] LeonardoWebhookData Data);
