using System.Text.Json.Serialization;
using Reelay.Jobs;

namespace Reelay.Storage.Rows;

/// <summary>
/// Source-generated JSON for the columns stored as documents (request, outputs, headers): no reflection
/// and no per-call option setup on the hot path. The format is internal to the store.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VideoRequest))]
[JsonSerializable(typeof(JobOutputs))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class StoreJson : JsonSerializerContext;
