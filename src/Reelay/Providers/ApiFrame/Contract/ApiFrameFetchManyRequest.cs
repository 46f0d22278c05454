using System.Text.Json.Serialization;

namespace Reelay.Providers.ApiFrame.Contract;

/// <summary>Body of <c>POST /fetch-many</c>: 2 to 20 task ids.</summary>
public sealed record ApiFrameFetchManyRequest([property: JsonPropertyName("task_ids")] IReadOnlyList<string> TaskIds);
