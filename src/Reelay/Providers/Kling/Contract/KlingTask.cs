using System.Text.Json.Serialization;

namespace Reelay.Providers.Kling.Contract;

/// <summary>
/// A task as Kling returns it: the <c>data</c> of create (without the query-only members), of query, each item
/// of a list, and the bare callback body. Times are unix milliseconds.
/// </summary>
public sealed record KlingTask
{
    [JsonPropertyName("task_id")]
    public required string TaskId { get; init; }

    [JsonPropertyName("task_status")]
    public required string TaskStatus { get; init; }

    /// <summary>Failure reason; empty unless failed. Query only.</summary>
    [JsonPropertyName("task_status_msg"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TaskStatusMsg { get; init; }

    [JsonPropertyName("task_info")]
    public required KlingTaskInfo TaskInfo { get; init; }

    /// <summary>Present once the task succeeded.</summary>
    [JsonPropertyName("task_result"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public KlingTaskResult? TaskResult { get; init; }

    /// <summary>Units charged, as a decimal string. Query only.</summary>
    [JsonPropertyName("final_unit_deduction"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FinalUnitDeduction { get; init; }

    [JsonPropertyName("created_at")]
    public long CreatedAt { get; init; }

    [JsonPropertyName("updated_at")]
    public long UpdatedAt { get; init; }
}
