using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.Upstreams;

/// <summary>
/// Decides which engine runs a job. Models served by configured upstreams go to the best available one
/// (priority, then weight; circuits that are open are skipped); everything else runs on the default engine.
/// On a retryable submit failure the scheduler asks for the next candidate (failover). Concurrency limits count
/// in-flight jobs in the store, so they hold across nodes.
/// </summary>
public sealed class UpstreamRouter
{
    /// <summary>How old an in-flight count may be and still answer a capacity check far below the limit.</summary>
    internal static readonly TimeSpan CountFreshness = TimeSpan.FromSeconds(1);

    private readonly EngineRegistry _engines;
    private readonly IJobStore _store;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<ResilientUpstreamEngine> _upstreams;
    private readonly Dictionary<string, InFlightEstimate> _estimates;
    private readonly Dictionary<string, SemaphoreSlim> _admissions;

    public UpstreamRouter(EngineRegistry engines, IEnumerable<IVideoEngine> all, IJobStore store, TimeProvider time)
    {
        _engines = engines;
        _store = store;
        _time = time;
        _upstreams = [.. all.OfType<ResilientUpstreamEngine>()
            .OrderBy(u => u.Definition.Priority)
            .ThenByDescending(u => u.Definition.Weight)
            .ThenBy(u => u.Name, StringComparer.Ordinal)];
        _estimates = _upstreams.ToDictionary(u => u.Name, _ => new InFlightEstimate(), StringComparer.Ordinal);
        _admissions = _upstreams.ToDictionary(u => u.Name, _ => new SemaphoreSlim(1, 1), StringComparer.Ordinal);
    }

    public IReadOnlyList<ResilientUpstreamEngine> Upstreams => _upstreams;

    /// <summary>The configured upstream named <paramref name="name"/>, or null for the local engines.</summary>
    public ResilientUpstreamEngine? Find(string name) => _upstreams.FirstOrDefault(u => u.Name == name);

    /// <summary>The engine a new job starts on.</summary>
    public string Choose(VideoRequest request)
    {
        var candidates = Candidates(request.Model);
        if (candidates.Count == 0) return _engines.DefaultEngine;
        return (candidates.FirstOrDefault(c => c.IsAvailable) ?? candidates[0]).Name;
    }

    /// <summary>The next available upstream after <paramref name="current"/> for the same model, or null.</summary>
    public string? NextAfter(string current, VideoRequest request)
    {
        var candidates = Candidates(request.Model);
        var index = candidates.ToList().FindIndex(c => c.Name == current);
        return candidates.Skip(index + 1).FirstOrDefault(c => c.IsAvailable)?.Name
               ?? candidates.Take(Math.Max(0, index)).FirstOrDefault(c => c.IsAvailable)?.Name;
    }

    /// <summary>
    /// Admits one more job to <paramref name="engine"/> if it has room, running <paramref name="commitIntent"/> (the
    /// write that makes the job count as in flight) inside the admission; false when the upstream is at its limit.
    /// Far below the limit a recent count answers (see <see cref="InFlightEstimate"/>), so submitting stays cheap with
    /// 100,000 jobs in flight. Near it, count and intent run under a per-upstream lock: two steps on this node cannot
    /// both read the same free slot (other nodes' admissions are seen by the next count).
    /// </summary>
    public async Task<bool> TryAdmitAsync(string engine, Func<Task> commitIntent, CancellationToken ct)
    {
        var upstream = Find(engine);
        if (upstream is null)
        {
            await commitIntent().ConfigureAwait(false);
            return true;
        }
        var limit = upstream.Definition.MaxConcurrentJobs;
        var estimate = _estimates[engine];
        if (estimate.TryAdmitWithoutCount(_time.GetUtcNow(), CountFreshness, limit))
        {
            await commitIntent().ConfigureAwait(false);
            return true;
        }
        var admission = _admissions[engine];
        await admission.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var at = _time.GetUtcNow();
            if (!estimate.Counted(await _store.CountInFlightAsync(engine, ct).ConfigureAwait(false), at, limit)) return false;
            await commitIntent().ConfigureAwait(false);
            return true;
        }
        finally
        {
            admission.Release();
        }
    }

    public async Task<IReadOnlyList<UpstreamStatus>> StatusAsync(CancellationToken ct)
    {
        var list = new List<UpstreamStatus>();
        foreach (var u in _upstreams)
        {
            var d = u.Definition;
            list.Add(new UpstreamStatus(u.Name, d.Type, d.BaseUrl, d.Priority, u.Circuit,
                await _store.CountInFlightAsync(u.Name, ct).ConfigureAwait(false), d.MaxConcurrentJobs, d.Models,
                u.Budget.PerSecond, u.Budget.Deferred, u.RecentErrors));
        }
        return list;
    }

    private List<ResilientUpstreamEngine> Candidates(string model) => [.. _upstreams.Where(u => u.Definition.Serves(model))];
}
