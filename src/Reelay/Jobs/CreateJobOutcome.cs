using Reelay.Storage;

namespace Reelay.Jobs;

/// <summary>What <see cref="JobService.CreateAsync"/> did. Exactly one of Job or Errors is set.</summary>
public sealed record CreateJobOutcome(CreateOutcome? Outcome, VideoJob? Job, FieldErrors? Errors)
{
    public bool IsInvalid => Errors is not null;
    /// <summary>The owner's limited balance does not cover the price: nothing was stored (<see cref="Job"/> is the refused job).</summary>
    public bool IsRefusedForCredits => Outcome == CreateOutcome.InsufficientCredits;
    public static CreateJobOutcome Invalid(FieldErrors errors) => new(null, null, errors);
}
