namespace Reelay.Media;

/// <summary>
/// A result could not be turned into stored variants. Transient problems are retried until the job's deadline;
/// <see cref="Permanent"/> ones (not a video, too large, a forbidden address) fail the job at once.
/// </summary>
public sealed class IngestException(string message, bool permanent = false, bool sourceGone = false) : Exception(message)
{
    public bool Permanent { get; } = permanent;

    /// <summary>
    /// The result URL refused the download as expired or missing (HTTP 403, 404 or 410): downloading it again cannot
    /// help, asking the engine for a fresh URL may.
    /// </summary>
    public bool SourceGone { get; } = sourceGone;
}
