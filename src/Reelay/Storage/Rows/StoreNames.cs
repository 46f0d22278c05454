using Reelay.Accounts;
using Reelay.Jobs;
using Reelay.Webhooks;

namespace Reelay.Storage.Rows;

/// <summary>Stored spellings of enums other than <see cref="JobStatus"/> (which has its own in <see cref="JobStatusExtensions"/>).</summary>
internal static class StoreNames
{
    public static string Stage(JobStage stage) => stage switch
    {
        JobStage.Submit => "submit",
        JobStage.Submitting => "submitting",
        JobStage.Poll => "poll",
        JobStage.Ingest => "ingest",
        JobStage.Done => "done",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    public static JobStage ParseStage(string name) => name switch
    {
        "submit" => JobStage.Submit,
        "submitting" => JobStage.Submitting,
        "poll" => JobStage.Poll,
        "ingest" => JobStage.Ingest,
        "done" => JobStage.Done,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown job stage"),
    };

    public static string State(OutboxState state) => state switch
    {
        OutboxState.Pending => "pending",
        OutboxState.Delivered => "delivered",
        OutboxState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static OutboxState ParseState(string name) => name switch
    {
        "pending" => OutboxState.Pending,
        "delivered" => OutboxState.Delivered,
        "failed" => OutboxState.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown outbox state"),
    };

    public static string Role(ApiKeyRole role) => role switch
    {
        ApiKeyRole.User => "user",
        ApiKeyRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static ApiKeyRole ParseRole(string name) => name switch
    {
        "user" => ApiKeyRole.User,
        "admin" => ApiKeyRole.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown key role"),
    };
}
