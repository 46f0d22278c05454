using System.Text.Json.Serialization;

namespace Reelay.Providers.ApiFrame.Contract;

/// <summary>Source-generated serializers for APIFrame's wire types (names fixed by [JsonPropertyName]).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ApiFrameImagineRequest))]
[JsonSerializable(typeof(ApiFrameTaskCreated))]
[JsonSerializable(typeof(ApiFrameTask))]
[JsonSerializable(typeof(ApiFrameTaskList))]
[JsonSerializable(typeof(ApiFrameFetchRequest))]
[JsonSerializable(typeof(ApiFrameFetchManyRequest))]
[JsonSerializable(typeof(ApiFrameErrorBody))]
public sealed partial class ApiFrameJsonContext : JsonSerializerContext;
