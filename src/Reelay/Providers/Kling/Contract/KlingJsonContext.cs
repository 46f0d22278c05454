using System.Text.Json.Serialization;

namespace Reelay.Providers.Kling.Contract;

/// <summary>Source-generated serializers for the Kling wire types (names are set per property).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KlingVideoRequest))]
[JsonSerializable(typeof(KlingResponse<KlingTask>))]
[JsonSerializable(typeof(KlingResponse<IReadOnlyList<KlingTask>>))]
[JsonSerializable(typeof(KlingErrorBody))]
[JsonSerializable(typeof(KlingTask))]
[JsonSerializable(typeof(IReadOnlyList<KlingDynamicMask>))]
public sealed partial class KlingJsonContext : JsonSerializerContext;
