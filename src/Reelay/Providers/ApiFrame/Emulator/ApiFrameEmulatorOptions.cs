using Reelay.Emulation;

namespace Reelay.Providers.ApiFrame.Emulator;

/// <summary>How an <see cref="ApiFrameEmulator"/> behaves. Times are the upstream's; the emulator divides them by <see cref="TimeCompression"/>.</summary>
public sealed record ApiFrameEmulatorOptions : IEmulatorTimelineOptions
{
    public const string DefaultApiKey = "emulator-apiframe-key";

    /// <summary>The raw <c>Authorization</c> value the emulator accepts. Null or empty switches authentication off.</summary>
    public string? ApiKey { get; set; } = DefaultApiKey;

    /// <summary>Time a task stays <c>pending</c>.</summary>
    public TimeSpan QueueTime { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Time a task stays <c>processing</c> (its percentage grows linearly meanwhile).</summary>
    public TimeSpan GenerationTime { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>100 makes every duration 100 times shorter. Must be positive.</summary>
    public double TimeCompression { get; set; } = 1;

    /// <summary>
    /// When true, an image2video create downloads <c>image_url</c> (and <c>end_image_url</c>) as APIFrame would and
    /// refuses the task with 400 when that fails. Off by default (no network use).
    /// </summary>
    public bool FetchImages { get; set; }

    /// <summary>How long a result URL stays valid after the task finished (not compressed); expired → 403.</summary>
    public TimeSpan ResultUrlTtl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Base of result URLs (e.g. behind a proxy). Null: the address the emulator is bound to.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Size of the one result video rendered per emulator (5 s testsrc2, H.264).</summary>
    public string ResultVideoSize { get; set; } = "1280x720";

    /// <summary>How often the webhook loop looks for due webhooks (on the emulator's clock).</summary>
    public TimeSpan WebhookScanInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Write request and webhook failures to the console (the CLI turns this on).</summary>
    public bool ConsoleLogging { get; set; }

    public EmulatorFaults Faults { get; set; } = new();

    internal TimeSpan Compress(TimeSpan t) => TimeSpan.FromTicks((long)(t.Ticks / TimeCompression));
}
