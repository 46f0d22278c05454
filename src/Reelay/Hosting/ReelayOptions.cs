using Reelay.Retention;

namespace Reelay.Hosting;

/// <summary>
/// Root configuration, section <c>Reelay</c> (environment: <c>REELAY__...</c>, e.g. <c>REELAY__DATADIR</c>).
/// Validated at start by <see cref="ReelayOptionsValidator"/>; a bad value stops the process with a message naming it.
/// </summary>
public sealed class ReelayOptions
{
    public const string Section = "Reelay";

    /// <summary>Directory for the SQLite database, blobs, work files and the master key. Created if missing.</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>Name of this node in leases; defaults to host name + process id.</summary>
    public string? NodeId { get; set; }

    /// <summary>Absolute base URL clients reach this server at, used in result links; defaults to the request's own scheme and host.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Engine for models no upstream serves: <c>local</c> (ffmpeg) or <c>noop</c> (benchmarks; needs <see cref="EnableNoopEngine"/>).</summary>
    public string DefaultEngine { get; set; } = "local";

    /// <summary>Allows the <c>noop</c> engine, which completes every job at once with a shared clip. Off in production.</summary>
    public bool EnableNoopEngine { get; set; }

    /// <summary>Path of a model catalog JSON replacing the shipped models.json.</summary>
    public string? ModelCatalogPath { get; set; }

    /// <summary>Largest accepted request body; images arrive inline as base64, so this is above 10 MB × 4/3.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How long finished jobs keep their result files and their records.</summary>
    public RetentionOptions Retention { get; set; } = new();

    public SchedulerOptions Scheduler { get; set; } = new();

    public SecurityOptions Security { get; set; } = new();

    public StorageOptions Storage { get; set; } = new();
}
