namespace Reelay.Retention;

/// <summary>Section <c>Reelay:Retention</c>: how long finished jobs keep their files and their records.</summary>
public sealed class RetentionOptions
{
    /// <summary>After completion, result files (raw, min, poster) are deleted; reported to clients as <c>expires_at</c>.</summary>
    public TimeSpan Results { get; set; } = TimeSpan.FromDays(30);

    /// <summary>After completion, the job record itself (with its events and webhook log) is deleted. At least <see cref="Results"/>.</summary>
    public TimeSpan Records { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often a node checks for expired jobs; only the node holding the retention lease does the work.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Jobs handled per store query.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Off: nothing expires (files and records are kept forever).</summary>
    public bool Enabled { get; set; } = true;
}
