namespace Reelay.Jobs;

public enum CancelOutcome
{
    Canceled,
    NotFound,
    AlreadyTerminal,
}
