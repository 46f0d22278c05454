namespace Reelay.Upstreams;

/// <summary>What one sweep of an upstream's task list found.</summary>
/// <param name="FinishedJobIds">Reelay job ids (the tasks' external ids) of tasks that finished in the window asked for.</param>
/// <param name="OldestUnfinishedCreatedAt">Creation time of the oldest task still queued or running that the sweep saw;
/// null when it saw none. The next sweep need read no further back than this.</param>
/// <param name="ReachedHorizon">True when the sweep read back to the creation horizon (or the end of the list); false when
/// it stopped early (page limit, budget, or an error) and may have missed finished tasks further back.</param>
/// <param name="Calls">Upstream calls made.</param>
/// <param name="Error">Why the sweep stopped early, when an upstream call failed.</param>
public sealed record UpstreamSweep(IReadOnlyList<string> FinishedJobIds, DateTimeOffset? OldestUnfinishedCreatedAt, bool ReachedHorizon, int Calls, string? Error);
