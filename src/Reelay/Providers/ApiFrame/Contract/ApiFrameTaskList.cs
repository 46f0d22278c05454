using System.Text.Json.Serialization;

namespace Reelay.Providers.ApiFrame.Contract;

/// <summary>Answer of <c>/fetch-many</c>: one task per requested id, in request order.</summary>
public sealed record ApiFrameTaskList([property: JsonPropertyName("tasks")] IReadOnlyList<ApiFrameTask> Tasks);
