using System.Text.Json.Serialization;

namespace Reelay.Providers.Leonardo.Contract;

/// <summary>Source-generated serialization of the Leonardo wire types (exact property names; nulls written).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(LeonardoError))]
[JsonSerializable(typeof(LeonardoCreateResponse))]
[JsonSerializable(typeof(LeonardoGenerationResponse))]
[JsonSerializable(typeof(LeonardoInitImageResponse))]
[JsonSerializable(typeof(LeonardoWebhookEvent))]
[JsonSerializable(typeof(LeonardoVideoRequest))]
[JsonSerializable(typeof(LeonardoInitImageRequest))]
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class LeonardoJsonContext : JsonSerializerContext;
