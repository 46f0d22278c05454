using System.Text.Json.Serialization;

namespace Reelay.Providers.Highway.Contract;

/// <summary>Source-generated serializers for Highway's wire types (snake_case, every member always written).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(HighwayTaskCreated))]
[JsonSerializable(typeof(HighwayCreateRequest))]
[JsonSerializable(typeof(HighwayTaskResult))]
[JsonSerializable(typeof(HighwayWebhookEvent))]
[JsonSerializable(typeof(HighwayError))]
public sealed partial class HighwayJsonContext : JsonSerializerContext;
