using System.Text.Json.Serialization;

namespace Reelay.Providers.Higgsfield.Contract;

/// <summary>Source-generated serializers for Higgsfield's wire types (snake_case; nulls written, as FastAPI does).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(HiggsfieldJobSet))]
[JsonSerializable(typeof(HiggsfieldGenerateRequest))]
[JsonSerializable(typeof(HiggsfieldValidationErrorBody))]
[JsonSerializable(typeof(HiggsfieldErrorBody))]
// Members of a validation error's loc.
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
public sealed partial class HiggsfieldJsonContext : JsonSerializerContext;
