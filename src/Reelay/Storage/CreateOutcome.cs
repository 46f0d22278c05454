namespace Reelay.Storage;

public enum CreateOutcome
{
    /// <summary>The job was inserted.</summary>
    Created,
    /// <summary>The idempotency key was used before with the same body; the existing job is returned.</summary>
    Existing,
    /// <summary>The idempotency key was used before with a different body.</summary>
    Conflict,
    /// <summary>
    /// The owner's account is limited and its balance does not cover the job's price: nothing was stored. The result
    /// carries the refused job (with its price) but it does not exist.
    /// </summary>
    InsufficientCredits,
    /// <summary>Refused, nothing stored: the owner key's allowed models do not include the requested one.</summary>
    ModelNotAllowed,
    /// <summary>Refused, nothing stored: the owner key already holds its maximum of unfinished (queued or running) jobs.</summary>
    ConcurrencyLimited,
}
