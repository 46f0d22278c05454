using System.Text.Json.Serialization;

namespace Reelay.Providers.Kling.Contract;

/// <summary><c>task_info</c>: the caller's own <c>external_task_id</c> (omitted when none was given).</summary>
public sealed record KlingTaskInfo(
    [property: JsonPropertyName("external_task_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ExternalTaskId);
