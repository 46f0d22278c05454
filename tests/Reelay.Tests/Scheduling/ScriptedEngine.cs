using System.Collections.Concurrent;
using Reelay.Engines;

namespace Reelay.Tests.Scheduling;

/// <summary>An engine whose steps are answered by a script, for testing the scheduler's handling of each outcome.</summary>
public sealed class ScriptedEngine(
    Func<string, EngineContext, CancellationToken, Task<EngineOutcome>> step,
    string name = "scripted",
    Func<EngineContext, Task<EngineOutcome?>>? find = null) : IVideoEngine
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public string Name => name;

    public bool IsUpstream => find is not null;

    public Task<EngineOutcome> SubmitAsync(EngineContext context, CancellationToken ct)
    {
        Calls.Enqueue("submit");
        return step("submit", context, ct);
    }

    public Task<EngineOutcome> PollAsync(EngineContext context, CancellationToken ct)
    {
        Calls.Enqueue("poll");
        return step("poll", context, ct);
    }

    public Task<EngineOutcome?> FindSubmittedAsync(EngineContext context, CancellationToken ct)
    {
        Calls.Enqueue("find");
        return find is null ? Task.FromResult<EngineOutcome?>(null) : find(context);
    }
}
