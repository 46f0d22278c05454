using Reelay.Engines;

namespace Reelay.Upstreams;

/// <summary>
/// What an adapter's create call came to (<see cref="UpstreamEngine.CreateTaskAsync"/>): a task to poll, a failed
/// create (logged by the base as a submit failure), or an outcome the adapter settled itself (a refusal before any call,
/// or an existing task it adopted), returned as is.
/// </summary>
public sealed record UpstreamSubmit
{
    private UpstreamSubmit(string? taskRef, string? taskId, EngineOutcome? outcome, bool failed) =>
        (TaskRef, TaskId, Outcome, IsFailure) = (taskRef, taskId, outcome, failed);

    /// <summary>What the job stores to poll with (a task id, or a polling URL); null unless created.</summary>
    public string? TaskRef { get; }

    /// <summary>The upstream's own id for the task, for logs (equal to <see cref="TaskRef"/> unless that is a URL).</summary>
    public string? TaskId { get; }

    public EngineOutcome? Outcome { get; }

    public bool IsFailure { get; }

    public static UpstreamSubmit Created(string taskRef, string? taskId = null) => new(taskRef, taskId ?? taskRef, null, false);

    /// <summary>The create call failed; the base logs it as a submit failure.</summary>
    public static UpstreamSubmit Failed(EngineOutcome failure) => new(null, null, failure, true);

    /// <summary>An outcome the adapter settled itself (a mapping refusal, an adopted task), returned unlogged.</summary>
    public static UpstreamSubmit Settled(EngineOutcome outcome) => new(null, null, outcome, false);
}
