namespace Reelay.Jobs;

/// <summary>Canonical lifecycle of a job. Dialects map these to their own vocabularies.</summary>
public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Canceled,
}
