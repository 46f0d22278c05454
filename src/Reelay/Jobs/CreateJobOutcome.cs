using Reelay.Storage;

namespace Reelay.Jobs;

/// <summary>What <see cref="JobService.CreateAsync"/> did. Exactly one of Job or Errors is set.</summary>
public sealed record CreateJobOutcome(CreateOutcome? Outcome, VideoJob? Job, FieldErrors? Errors)
{
    public bool IsInvalid => Errors is not null;
    public static CreateJobOutcome Invalid(FieldErrors errors) => new(null, null, errors);
}
