namespace Reelay.Upstreams;

/// <summary>
/// One upstream the operator holds keys for (configuration list <c>Reelay:Upstreams</c>). Credentials may be given
/// directly or, better, as the names of environment variables that hold them.
/// </summary>
public sealed class UpstreamDefinition
{
    /// <summary>Unique engine name stored on jobs, e.g. "kling-sg" or "kling-backup".</summary>
    public string Name { get; set; } = "";

    /// <summary>Wire protocol: kling, higgsfield, highway, hyprlab, apiframe or leonardo.</summary>
    public string Type { get; set; } = "";

    public string BaseUrl { get; set; } = "";

    public string? AccessKey { get; set; }
    public string? AccessKeyEnv { get; set; }
    public string? SecretKey { get; set; }
    public string? SecretKeyEnv { get; set; }

    /// <summary>
    /// Catalog model names this upstream serves. Left empty in configuration, it becomes the models the Type's adapter
    /// can serve (Higgsfield, Highway: kling-v2-5-turbo; Leonardo: kling-v2-1, kling-v2-5-turbo; APIFrame: kling-v1,
    /// kling-v1-5, kling-v1-6); empty after that (Kling, HyprLab) = every non-local model.
    /// </summary>
    public List<string> Models { get; set; } = [];

    /// <summary>Lower is preferred. Equal priorities are ordered by <see cref="Weight"/> (higher first).</summary>
    public int Priority { get; set; } = 100;

    public int Weight { get; set; } = 1;

    /// <summary>Jobs submitted and not finished at once; more wait in <c>queued</c>.</summary>
    public int MaxConcurrentJobs { get; set; } = 10;

    /// <summary>Price the upstream charges per second of video (for accounting; informational for now).</summary>
    public decimal PricePerSecond { get; set; }

    /// <summary>Failures within the sampling window that open the circuit (with a minimum throughput of 4).</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>How long an open circuit stays open before one trial call is let through.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Consecutive calls that cannot connect at all (refused, unresolvable, TLS handshake failed) after which the upstream
    /// counts as down for <see cref="BreakDuration"/>: new jobs go elsewhere at once.
    /// </summary>
    public int ConnectFailuresToOpen { get; set; } = 3;

    /// <summary>
    /// How long a submit whose fate this upstream cannot tell (the request may have reached it, and it does not answer
    /// the lookup) keeps the job here before it moves to the next upstream. Upstreams that cannot look a submit up
    /// (resellers) move at once; see the crash policy in the README.
    /// </summary>
    public TimeSpan UnconfirmedSubmitWait { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>First status check after submit. Null (the default): the request's typical minimum generation time.</summary>
    public TimeSpan? FirstPollAfter { get; set; }

    /// <summary>This upstream's typical shortest generation time, for every model it serves (null: the catalog's per model).</summary>
    public TimeSpan? TypicalMinGeneration { get; set; }

    /// <summary>This upstream's typical longest generation time, for every model it serves (null: the catalog's per model).</summary>
    public TimeSpan? TypicalMaxGeneration { get; set; }

    /// <summary>
    /// Status queries this node may send to the upstream per second (token bucket, burst of the same size). A poll
    /// that finds the budget spent is deferred, not sent and not counted as an error.
    /// </summary>
    public double MaxStatusCallsPerSecond { get; set; } = 20;

    /// <summary>Longest gap between status checks of one job.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often to read the upstream's task list for finished tasks, on upstreams whose API lists tasks (Kling); zero
    /// turns the sweep off. A finished task found this way is queried at once, as a callback would make it; planned
    /// polls still run, so a missed sweep costs time, never a job. Runs only while jobs are in flight on the upstream.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Most list pages one sweep reads (Kling pages hold 500 tasks); each takes a status-query budget token.</summary>
    public int SweepMaxPages { get; set; } = 100;

    /// <summary>How far back (by task creation) the first sweep after start reads; later sweeps read back to the oldest unfinished task.</summary>
    public TimeSpan SweepLookback { get; set; } = TimeSpan.FromMinutes(30);

    public string? ResolveAccessKey() => AccessKeyEnv is { Length: > 0 } env ? Environment.GetEnvironmentVariable(env) : AccessKey;

    public string? ResolveSecretKey() => SecretKeyEnv is { Length: > 0 } env ? Environment.GetEnvironmentVariable(env) : SecretKey;

    public bool Serves(string model) =>
        Models.Count == 0 ? !string.Equals(model, "local", StringComparison.OrdinalIgnoreCase) : Models.Contains(model, StringComparer.OrdinalIgnoreCase);
}
