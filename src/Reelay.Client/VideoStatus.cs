namespace Reelay.Client;

/// <summary>Where a video job is in its lifecycle. <see cref="Completed"/>, <see cref="Failed"/> and <see cref="Canceled"/> are final.</summary>
public enum VideoStatus
{
    /// <summary>Accepted, waiting for capacity.</summary>
    Queued,
    /// <summary>Generating; <see cref="Video.Progress"/> moves from 0 to 100.</summary>
    InProgress,
    /// <summary>Done; <see cref="Video.Outputs"/> holds the results.</summary>
    Completed,
    /// <summary>Ended without a result; <see cref="Video.Error"/> says why.</summary>
    Failed,
    /// <summary>Canceled on request before it finished.</summary>
    Canceled,
}
