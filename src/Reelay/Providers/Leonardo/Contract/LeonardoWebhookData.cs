using System.Text.Json.Serialization;

namespace Reelay.Providers.Leonardo.Contract;

/// <summary>The <c>data</c> member of a callback: the generation under <c>object</c>.</summary>
public sealed record LeonardoWebhookData(
    [property: JsonPropertyName("object")] LeonardoGeneration Object);
