using Reelay.Jobs;

namespace Reelay.Storage;

/// <summary>Result of <see cref="IJobStore.CreateAsync"/>: the job now stored under the id or idempotency key.</summary>
public sealed record CreateResult(CreateOutcome Outcome, VideoJob Job);
