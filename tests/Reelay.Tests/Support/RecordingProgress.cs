using System.Collections.Concurrent;

namespace Reelay.Tests.Support;

/// <summary>An <see cref="IProgress{T}"/> that records every report synchronously (no sync-context posting).</summary>
public sealed class RecordingProgress : IProgress<int>
{
    private readonly ConcurrentQueue<int> _reports = new();
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<int> Reports => _reports.ToArray();

    /// <summary>Completes when the first report arrives.</summary>
    public Task FirstReport => _first.Task;

    public void Report(int value)
    {
        _reports.Enqueue(value);
        _first.TrySetResult();
    }
}
