namespace Reelay.Hosting;

/// <summary>Section <c>Reelay:Scheduler</c>: how this node claims and runs engine steps.</summary>
public sealed class SchedulerOptions
{
    /// <summary>Engine steps running at once on this node (ffmpeg renders are CPU-bound: about one per core).</summary>
    public int MaxConcurrency { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Lease taken on a claimed job; renewed at a third of it while the step runs. A crashed node's jobs are re-claimed after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest sleep between looks at the store when nothing signals new work (other nodes' jobs, missed wake-ups).</summary>
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A job not finished this long after creation fails with <c>deadline_exceeded</c>.</summary>
    public TimeSpan JobDeadline { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>First delay before retrying a step that failed retryably; doubles per attempt, capped at one minute.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether this process claims work at all (an API-only node sets false).</summary>
    public bool Enabled { get; set; } = true;
}
