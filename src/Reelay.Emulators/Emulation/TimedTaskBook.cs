namespace Reelay.Emulation;

/// <summary>The tasks of one emulated account, in memory: by id and in creation order. Thread-safe.</summary>
internal sealed class TimedTaskBook<T> where T : TimedTask
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, T> _byId = new(StringComparer.Ordinal);
    private readonly List<T> _order = [];

    /// <summary>Tasks created (each one the real API would charge for).</summary>
    public int Created { get { lock (_lock) return _order.Count; } }

    /// <summary>Tasks not yet ended at <paramref name="now"/>.</summary>
    public int InFlight(DateTimeOffset now) { lock (_lock) return _order.Count(t => t.Running(now)); }

    /// <summary>Every task, in creation order (a snapshot).</summary>
    public IReadOnlyList<T> All() { lock (_lock) return [.. _order]; }

    public T? Find(string id) { lock (_lock) return _byId.GetValueOrDefault(id); }

    public void Add(T task)
    {
        lock (_lock)
        {
            _byId[task.Id] = task;
            _order.Add(task);
        }
    }
}
