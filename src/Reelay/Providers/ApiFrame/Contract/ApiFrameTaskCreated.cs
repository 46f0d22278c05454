using System.Text.Json.Serialization;

namespace Reelay.Providers.ApiFrame.Contract;

/// <summary>200 answer of <c>/kling-imagine</c>: <c>{"task_id":"&lt;uuid&gt;"}</c>; the id is the Reelay job id.</summary>
public sealed record ApiFrameTaskCreated([property: JsonPropertyName("task_id")] string TaskId);
