using System.Text.Json.Serialization;

namespace Reelay.Providers.HyprLab.Contract;

/// <summary>Source-generated serializers for HyprLab's wire types (snake_case; nulls written unless a member says otherwise).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(HyprLabGeneration))]
[JsonSerializable(typeof(HyprLabGenerationStatus))]
[JsonSerializable(typeof(HyprLabErrorBody))]
[JsonSerializable(typeof(HyprLabVideoRequest))]
public sealed partial class HyprLabJsonContext : JsonSerializerContext;
