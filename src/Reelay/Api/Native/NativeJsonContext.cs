using System.Text.Json.Serialization;

namespace Reelay.Api.Native;

/// <summary>Source-generated serializers for the native wire types (snake_case, nulls omitted only where noted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(NativeVideo))]
[JsonSerializable(typeof(NativeVideoList))]
[JsonSerializable(typeof(NativeJobEvent))]
[JsonSerializable(typeof(NativeWebhookEvent))]
[JsonSerializable(typeof(NativeDeliveryList))]
[JsonSerializable(typeof(NativeModelList))]
public sealed partial class NativeJsonContext : JsonSerializerContext;
