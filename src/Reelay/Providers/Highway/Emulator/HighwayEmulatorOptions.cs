using Reelay.Emulation;

namespace Reelay.Providers.Highway.Emulator;

/// <summary>How a <see cref="HighwayEmulator"/> behaves. Times are the upstream's; the emulator divides them by <see cref="TimeCompression"/>.</summary>
public sealed record HighwayEmulatorOptions : IEmulatorTimelineOptions
{
    public const string DefaultApiKey = "emulator-highway-key";

    /// <summary>The Bearer key the emulator accepts. Null or empty switches authentication off.</summary>
    public string? ApiKey { get; set; } = DefaultApiKey;

    /// <summary>Time a task stays TASK_STATUS_QUEUED.</summary>
    public TimeSpan QueueTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time a task stays TASK_STATUS_PROCESSING (eta counts down and progress_percent rises over it).</summary>
    public TimeSpan GenerationTime { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>100 makes every duration 100 times shorter. Must be positive.</summary>
    public double TimeCompression { get; set; } = 1;

    /// <summary>How long result URLs stay valid after success (not compressed); reported as <c>video_url_ttl</c>; expired → 403.</summary>
    public TimeSpan ResultUrlTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Base of result URLs (e.g. behind a proxy). Null: the host the request came to.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Size of the one result video rendered per emulator (5 s testsrc2, H.264).</summary>
    public string ResultVideoSize { get; set; } = "1280x720";

    /// <summary>How often (emulator clock) due webhooks are looked for and sent.</summary>
    public TimeSpan WebhookScanInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Write requests to the console (the CLI turns this on).</summary>
    public bool ConsoleLogging { get; set; }

    public EmulatorFaults Faults { get; set; } = new();

    internal TimeSpan Compress(TimeSpan t) => TimeSpan.FromTicks((long)(t.Ticks / TimeCompression));
}
