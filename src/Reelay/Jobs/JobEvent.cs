namespace Reelay.Jobs;

/// <summary>
/// One entry in a job's timeline (created, started, progress, succeeded, ...). Sequence numbers
/// are store-wide and increasing, so server-sent events can resume from <c>Last-Event-ID</c>.
/// </summary>
public sealed record JobEvent(
    long Sequence,
    string JobId,
    DateTimeOffset At,
    string Type,
    JobStatus Status,
    int Progress,
    string? Detail);
