namespace Reelay.Jobs;

/// <summary>
/// Which engine step runs next for a non-terminal job. Each step's result is persisted before the
/// next one starts, so a crash repeats at most the step that was in flight.
/// </summary>
public enum JobStage
{
    /// <summary>Hand the request to the engine (local render, or upstream create call).</summary>
    Submit,
    /// <summary>
    /// The intent to submit to an upstream is recorded and the call may be in flight. A job found in this stage
    /// after a crash is first looked up upstream (by its external id) so a paid task is never created twice.
    /// </summary>
    Submitting,
    /// <summary>Ask the engine how the submitted work is going.</summary>
    Poll,
    /// <summary>Copy the produced video into the blob store and derive min + poster.</summary>
    Ingest,
    /// <summary>Terminal: nothing left to run.</summary>
    Done,
}
