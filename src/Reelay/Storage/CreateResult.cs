using Reelay.Jobs;

namespace Reelay.Storage;

/// <summary>
/// Result of <see cref="IJobStore.CreateAsync"/>: the job now stored under the id or idempotency key; for the refusals
/// (<see cref="CreateOutcome.ModelNotAllowed"/>, <see cref="CreateOutcome.ConcurrencyLimited"/>) the job that was not stored.
/// </summary>
public sealed record CreateResult(CreateOutcome Outcome, VideoJob Job);
