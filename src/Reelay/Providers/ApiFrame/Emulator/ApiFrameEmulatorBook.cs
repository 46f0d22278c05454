namespace Reelay.Providers.ApiFrame.Emulator;

/// <summary>
/// All state of one emulated APIFrame account, in memory: tasks by id, and pending webhooks ordered by due time
/// (a heap, so the webhook scan costs O(log n) per task at any number in flight).
/// </summary>
internal sealed class ApiFrameEmulatorBook
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ApiFrameEmulatedTask> _byId = new(StringComparer.Ordinal);
    private readonly PriorityQueue<(ApiFrameEmulatedTask Task, DateTimeOffset At), DateTimeOffset> _webhooks = new();

    public int Created { get { lock (_lock) return _byId.Count; } }

    public int InFlight(DateTimeOffset now) { lock (_lock) return _byId.Values.Count(t => t.Running(now)); }

    public IReadOnlyList<ApiFrameEmulatedTask> All() { lock (_lock) return [.. _byId.Values.OrderBy(t => t.SubmittedAt)]; }

    public void Add(ApiFrameEmulatedTask task, bool webhooks)
    {
        lock (_lock)
        {
            _byId[task.TaskId] = task;
            if (!webhooks || string.IsNullOrEmpty(task.Request.WebhookUrl)) return;
            if (task.StartsAt < task.EndsAt) _webhooks.Enqueue((task, task.StartsAt), task.StartsAt);
            _webhooks.Enqueue((task, task.EndsAt), task.EndsAt);
        }
    }

    public ApiFrameEmulatedTask? Find(string taskId) { lock (_lock) return _byId.GetValueOrDefault(taskId); }

    /// <summary>Removes and returns the webhooks whose time has come, each with the instant whose state it reports.</summary>
    public List<(ApiFrameEmulatedTask Task, DateTimeOffset At)> TakeDueWebhooks(DateTimeOffset now)
    {
        var due = new List<(ApiFrameEmulatedTask, DateTimeOffset)>();
        lock (_lock)
        {
            while (_webhooks.TryPeek(out var item, out var at) && at <= now)
            {
                _webhooks.Dequeue();
                due.Add(item);
            }
        }
        return due;
    }
}
