using Reelay.Jobs;

namespace Reelay.Engines;

/// <summary>What an engine step gets: the job, a scratch directory only this job uses, and a progress sink.</summary>
/// <param name="Progress">Reports 0..100; the scheduler persists it (throttled) and emits progress events.</param>
public sealed record EngineContext(VideoJob Job, string WorkDirectory, IProgress<int> Progress);
