using System.Text.Json.Serialization;

namespace Reelay.Providers.ApiFrame.Contract;

/// <summary>Body of <c>POST /fetch</c>.</summary>
public sealed record ApiFrameFetchRequest([property: JsonPropertyName("task_id")] string TaskId);
