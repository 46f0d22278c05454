using System.Text.Json.Serialization;

namespace Reelay.Providers.ApiFrame.Contract;

/// <summary>
/// A task as <c>/fetch</c>, <c>/fetch-many</c> and webhooks show it:
/// <c>{"task_id","task_type":"kling-video","status","percentage"}</c> plus <c>video_url</c> when finished
/// and <c>message</c> when failed. Absent members are omitted, never null.
/// </summary>
public sealed record ApiFrameTask
{
    [JsonPropertyName("task_id")] public required string TaskId { get; init; }
    [JsonPropertyName("task_type")] public string TaskType { get; init; } = ApiFrameValues.TaskType;
    /// <summary>See <see cref="ApiFrameStatuses"/>.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }
    /// <summary>A string such as <c>"40"</c> while running, the number 100 when finished (as the seed shows).</summary>
    [JsonPropertyName("percentage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ApiFramePercentage? Percentage { get; init; }
    [JsonPropertyName("video_url"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? VideoUrl { get; init; }
    /// <summary>Why a failed task failed.</summary>
    [JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Message { get; init; }
}
