namespace Reelay.Providers.ApiFrame.Emulator;

/// <summary>
/// All state of one emulated APIFrame account, in memory: tasks by id. Pending webhooks live in the emulator's
/// <see cref="Reelay.Emulation.EmulatorWebhookLoop"/>.
/// </summary>
internal sealed class ApiFrameEmulatorBook
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ApiFrameEmulatedTask> _byId = new(StringComparer.Ordinal);

    public int Created { get { lock (_lock) return _byId.Count; } }

    public int InFlight(DateTimeOffset now) { lock (_lock) return _byId.Values.Count(t => t.Running(now)); }

    public IReadOnlyList<ApiFrameEmulatedTask> All() { lock (_lock) return [.. _byId.Values.OrderBy(t => t.SubmittedAt)]; }

    public void Add(ApiFrameEmulatedTask task)
    {
        lock (_lock) _byId[task.TaskId] = task;
    }

    public ApiFrameEmulatedTask? Find(string taskId) { lock (_lock) return _byId.GetValueOrDefault(taskId); }
}
