using Reelay.Jobs;

namespace Reelay.Storage;

/// <summary>An event to append with a job write; the store assigns its sequence number.</summary>
public sealed record NewJobEvent(string Type, JobStatus Status, int Progress, DateTimeOffset At, string? Detail = null);
