namespace Reelay.Media;

/// <summary>
/// A result could not be turned into stored variants. Transient problems are retried until the job's deadline;
/// <see cref="Permanent"/> ones (not a video, too large, a forbidden address) fail the job at once.
/// </summary>
public sealed class IngestException(string message, bool permanent = false) : Exception(message)
{
    public bool Permanent { get; } = permanent;
}
