using System.Collections.Concurrent;
using Reelay.Jobs;
using Reelay.Providers.Kling.Contract;
using Reelay.Upstreams;

namespace Reelay.Providers.Kling.Upstream;

/// <summary>
/// Kling lists each kind's tasks newest first, 500 a page: one call reports on 500 tasks. A sweep reads the pages
/// the previous sweep of that kind needed up to <see cref="SweepParallelPages"/> at a time (a sweep over 100,000
/// tasks in flight is 200 pages; one after another they take most of a sweep interval, and far longer against a
/// distant upstream); pages beyond that are read one by one, so a list that grew costs no extra calls and one that
/// shrank costs at most <see cref="SweepParallelPages"/> − 1 pages past the horizon. Tasks created while pages are
/// read push older ones toward later pages, so a task at a page boundary can escape pages read out of order; it
/// finished at most moments before, inside the next sweep's window (<see cref="UpstreamSweepService.Slack"/>), and its
/// planned poll comes regardless.
/// <para>
/// A finished task's list entry is the same authenticated answer a query gives (unlike a callback, whose body
/// Reelay never trusts), and a finished task never changes again: the hurried poll that follows takes it from
/// <see cref="_sweptAnswers"/> instead of asking once more, if it was read within <see cref="SweptAnswerLifetime"/>.
/// </para>
/// </summary>
public sealed partial class KlingEngine : IUpstreamTaskLister
{
    private const int SweepPageSize = KlingEndpoints.MaxPageSize;

    /// <summary>Most list pages of one kind requested at once.</summary>
    public const int SweepParallelPages = 4;

    private static readonly string[] SweptKinds = [KlingTaskKinds.Text2Video, KlingTaskKinds.Image2Video];
    private readonly ConcurrentDictionary<string, int> _pagesLastSweep = new(StringComparer.Ordinal);

    /// <summary>How long a finished task read from the list stands in for a query (well inside result-URL lifetimes).</summary>
    public static readonly TimeSpan SweptAnswerLifetime = TimeSpan.FromSeconds(15);

    /// <summary>Finished tasks from recent sweeps by job id, with when they were read; each is used at most once.</summary>
    private readonly ConcurrentDictionary<string, (KlingTask Task, DateTimeOffset ReadAt)> _sweptAnswers = new(StringComparer.Ordinal);

    public async Task<UpstreamSweep> SweepAsync(DateTimeOffset createdSince, DateTimeOffset finishedSince, int maxPages, Func<bool> takePage,
        CancellationToken ct)
    {
        var window = new SweepWindow(createdSince.ToUnixTimeMilliseconds(), finishedSince.ToUnixTimeMilliseconds());
        var calls = 0;
        var reached = true;
        string? error = null;
        var pageLimit = Math.Min(maxPages, KlingEndpoints.MaxPageNum);
        foreach (var kind in SweptKinds)
        {
            var expected = _pagesLastSweep.GetValueOrDefault(kind, 1);
            var read = 0;
            var kindDone = false;
            while (!kindDone)
            {
                // Pages the previous sweep needed are read together; beyond them, one at a time until the horizon.
                var batch = Math.Clamp(expected - read, 1, SweepParallelPages);
                var pages = new List<int>(batch);
                while (pages.Count < batch && read + pages.Count + 1 <= pageLimit && takePage()) pages.Add(read + pages.Count + 1);
                var stoppedShort = pages.Count < batch;
                calls += pages.Count;
                var answers = await Task.WhenAll(pages.Select(p => _api.ListAsync(kind, p, SweepPageSize, ct))).ConfigureAwait(false);
                foreach (var answer in answers)
                {
                    read++;
                    if (answer.Tasks is not { } tasks)
                    {
                        error ??= $"Kling upstream '{Name}' {answer.Message}";
                        reached = false;
                        kindDone = true;
                        break;
                    }
                    // Newest first: once a page reaches past the horizon (or the list ends), every later page is older still.
                    if (window.Take(tasks) || tasks.Count < SweepPageSize)
                    {
                        _pagesLastSweep[kind] = read;
                        kindDone = true;
                        break;
                    }
                }
                if (!kindDone && stoppedShort)
                {
                    // Page limit or spent budget before the horizon: what lies further back is unknown.
                    reached = false;
                    kindDone = true;
                }
            }
        }
        KeepSweptAnswers(window.FinishedTasks);
        return new UpstreamSweep([.. window.FinishedTasks.Keys], window.OldestUnfinished, reached, calls, error);
    }

    private void KeepSweptAnswers(IReadOnlyDictionary<string, KlingTask> finished)
    {
        var now = _time.GetUtcNow();
        foreach (var (jobId, entry) in _sweptAnswers)
            if (now - entry.ReadAt > SweptAnswerLifetime) _sweptAnswers.TryRemove(jobId, out _);
        foreach (var (jobId, task) in finished) _sweptAnswers[jobId] = (task, now);
    }

    /// <summary>The finished task a recent sweep read for this job's upstream task, if any (taken: used once).</summary>
    private KlingTask? TakeSweptAnswer(VideoJob job)
    {
        if (_sweptAnswers.IsEmpty || !_sweptAnswers.TryRemove(job.Id, out var entry)) return null;
        return entry.Task.TaskId == job.UpstreamRef && _time.GetUtcNow() - entry.ReadAt <= SweptAnswerLifetime ? entry.Task : null;
    }

    /// <summary>What a sweep collects from the pages it reads, in page order.</summary>
    private sealed class SweepWindow(long createdSinceMs, long finishedSinceMs)
    {
        /// <summary>Finished tasks in the window by job id (a task seen on two pages, as the list shifted, counts once).</summary>
        public Dictionary<string, KlingTask> FinishedTasks { get; } = new(StringComparer.Ordinal);
        public DateTimeOffset? OldestUnfinished { get; private set; }

        /// <summary>Takes one page's tasks; true when the page reaches past the creation horizon.</summary>
        public bool Take(IReadOnlyList<KlingTask> tasks)
        {
            var older = false;
            foreach (var task in tasks)
            {
                if (task.CreatedAt < createdSinceMs)
                {
                    older = true;
                    continue;
                }
                var done = task.TaskStatus is KlingTaskStatus.Succeed or KlingTaskStatus.Failed;
                if (!done)
                {
                    var created = DateTimeOffset.FromUnixTimeMilliseconds(task.CreatedAt);
                    if (OldestUnfinished is null || created < OldestUnfinished) OldestUnfinished = created;
                }
                else if (task.UpdatedAt >= finishedSinceMs && task.TaskInfo?.ExternalTaskId is { Length: > 0 } jobId)
                {
                    FinishedTasks[jobId] = task;
                }
            }
            return older;
        }
    }
}
