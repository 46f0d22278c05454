using System.Collections.Concurrent;
using Reelay.Engines;

namespace Reelay.Tests.Scheduling;

/// <summary>An engine whose steps are answered by a script, for testing the scheduler's handling of each outcome.</summary>
public sealed class ScriptedEngine(Func<string, EngineContext, CancellationToken, Task<EngineOutcome>> step) : IVideoEngine
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public string Name => "scripted";

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
}
