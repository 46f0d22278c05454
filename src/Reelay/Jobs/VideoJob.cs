namespace Reelay.Jobs;

/// <summary>
/// A job as stored. Immutable: every change is a new value written with a compare-and-set on
/// <see cref="Version"/> (and, for engine steps, on the lease token), so two writers never both win.
/// </summary>
public sealed record VideoJob
{
    public required string Id { get; init; }
    public required string OwnerKeyId { get; init; }
    public required VideoRequest Request { get; init; }
    /// <summary>Which API created it (native, kling, higgsfield, ...); dialects render only their own jobs' extras.</summary>
    public string Dialect { get; init; } = "native";
    public JobStatus Status { get; init; } = JobStatus.Queued;
    public JobStage Stage { get; init; } = JobStage.Submit;
    /// <summary>0..100.</summary>
    public int Progress { get; init; }
    /// <summary>Name of the engine that runs it (local, noop, kling, ...).</summary>
    public required string Engine { get; init; }
    /// <summary>The engine's own reference (upstream task id), set when submit succeeded.</summary>
    public string? UpstreamRef { get; init; }
    public JobOutputs? Outputs { get; init; }
    public JobError? Error { get; init; }
    /// <summary>Credits charged (reserved at create, settled or refunded at the end).</summary>
    public decimal? Credits { get; init; }
    /// <summary>
    /// Engine steps started since the job last moved forward (each claim adds one, a step repeated after a crash
    /// too; a successful submit or poll resets it to 0). It drives the retry backoff, so a transient failure after
    /// many healthy polls waits the first retry delay, not one doubled once per earlier poll.
    /// </summary>
    public int Attempts { get; init; }
    public long Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    /// <summary>After this the job fails with <see cref="JobErrorCodes.DeadlineExceeded"/>.</summary>
    public required DateTimeOffset DeadlineAt { get; init; }
    /// <summary>When the scheduler should run the next step; null once terminal.</summary>
    public DateTimeOffset? NextRunAt { get; init; }
    public string? LeaseOwner { get; init; }
    /// <summary>Random per claim; every write of an engine step is fenced with it.</summary>
    public string? LeaseToken { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public string? IdempotencyKey { get; init; }
    /// <summary>SHA-256 of the canonical create body, to tell a replay from a conflicting reuse of the key.</summary>
    public string? RequestHash { get; init; }
}
