namespace Reelay.Bench.Scenarios;

/// <summary>How a B3 run learns that upstream tasks finished.</summary>
public enum B3Mode
{
    /// <summary>Per-task status queries only (the task-list sweep off, no callbacks).</summary>
    Polled,
    /// <summary>Per-task queries plus the task-list sweep (<c>SweepInterval</c>); no callbacks.</summary>
    Swept,
    /// <summary>Kling callbacks to <c>/v1/upstream-callbacks</c> plus per-task queries; the sweep off.</summary>
    Callbacks,
}
