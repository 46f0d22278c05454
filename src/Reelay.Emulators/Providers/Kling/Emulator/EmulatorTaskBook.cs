using Reelay.Providers.Kling.Contract;

namespace Reelay.Providers.Kling.Emulator;

/// <summary>
/// All state of one emulator account, in memory: tasks by id and by external_task_id, per-kind creation order,
/// and the running tasks ordered by end time (concurrency slots) in a heap, so admission costs O(log n) per task at any
/// number in flight. Pending callbacks live in the emulator's <see cref="Reelay.Emulation.EmulatorWebhookLoop"/>.
/// </summary>
internal sealed class EmulatorTaskBook
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, EmulatedTask> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatedTask> _byExternalId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _submissions = new(StringComparer.Ordinal);
    private readonly List<EmulatedTask> _text2video = [];
    private readonly List<EmulatedTask> _image2video = [];
    private readonly PriorityQueue<EmulatedTask, DateTimeOffset> _running = new();
    private int _created;

    public int Created { get { lock (_lock) return _created; } }

    public int SubmissionsFor(string externalId) { lock (_lock) return _submissions.GetValueOrDefault(externalId); }

    public int InFlight(DateTimeOffset now)
    {
        lock (_lock)
        {
            ReleaseEnded(now);
            return _running.Count;
        }
    }

    /// <summary>
    /// Admits a new task atomically: a reused external_task_id is refused (and counted as a submission), then the
    /// concurrency limit is checked, then <paramref name="build"/> makes the task, which is stored and scheduled.
    /// </summary>
    public AdmitResult Admit(string? externalId, int? maxConcurrent, DateTimeOffset now, Func<EmulatedTask> build)
    {
        lock (_lock)
        {
            if (externalId is not null && _byExternalId.TryGetValue(externalId, out var existing))
            {
                _submissions[externalId] = _submissions.GetValueOrDefault(externalId) + 1;
                return new AdmitResult(null, existing, false);
            }
            ReleaseEnded(now);
            if (maxConcurrent is { } max && _running.Count >= max) return new AdmitResult(null, null, true);

            var task = build();
            _byId[task.Id] = task;
            if (externalId is not null)
            {
                _byExternalId[externalId] = task;
                _submissions[externalId] = _submissions.GetValueOrDefault(externalId) + 1;
            }
            (task.Kind == KlingTaskKinds.Image2Video ? _image2video : _text2video).Add(task);
            _running.Enqueue(task, task.EndsAt);
            _created++;
            return new AdmitResult(task, null, false);
        }
    }

    /// <summary>By task_id, else by external_task_id (docs/dialects.md §1 decision), of the given kind.</summary>
    public EmulatedTask? Find(string kind, string id)
    {
        lock (_lock)
        {
            var task = _byId.GetValueOrDefault(id) ?? _byExternalId.GetValueOrDefault(id);
            return task?.Kind == kind ? task : null;
        }
    }

    public EmulatedTask? FindById(string taskId) { lock (_lock) return _byId.GetValueOrDefault(taskId); }

    /// <summary>Every task's timeline, in creation order per kind (text2video first).</summary>
    public List<EmulatedTaskTimeline> Timelines()
    {
        lock (_lock) return [.. _text2video.Concat(_image2video).Select(t => t.Timeline())];
    }

    /// <summary>Newest first, as Kling lists.</summary>
    public List<EmulatedTask> Page(string kind, int pageNum, int pageSize)
    {
        lock (_lock)
        {
            var all = kind == KlingTaskKinds.Image2Video ? _image2video : _text2video;
            var page = new List<EmulatedTask>(pageSize);
            var start = all.Count - 1 - (long)(pageNum - 1) * pageSize;
            for (var i = start; i >= 0 && page.Count < pageSize; i--) page.Add(all[(int)i]);
            return page;
        }
    }

    private void ReleaseEnded(DateTimeOffset now)
    {
        while (_running.TryPeek(out _, out var endsAt) && endsAt <= now) _running.Dequeue();
    }
}

