using Reelay.Emulation;

namespace Reelay.Providers.Higgsfield.Emulator;

/// <summary>How a <see cref="HiggsfieldEmulator"/> behaves. Times are the upstream's; the emulator divides them by <see cref="TimeCompression"/>.</summary>
public sealed record HiggsfieldEmulatorOptions : IEmulatorTimelineOptions
{
    public const string DefaultApiKey = "3f0c2a44-6a4e-4c8e-9b1a-0e5d6c7b8a90";
    public const string DefaultSecret = "emulator-hf-secret";

    /// <summary>The <c>hf-api-key</c> the emulator accepts. Null or empty switches authentication off.</summary>
    public string? ApiKey { get; set; } = DefaultApiKey;

    /// <summary>The <c>hf-secret</c> that must come with it.</summary>
    public string Secret { get; set; } = DefaultSecret;

    /// <summary>Time a job stays <c>queued</c>.</summary>
    public TimeSpan QueueTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time a job stays <c>in_progress</c>.</summary>
    public TimeSpan GenerationTime { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>100 makes every duration 100 times shorter. Must be positive.</summary>
    public double TimeCompression { get; set; } = 1;

    /// <summary>How long result URLs stay valid after the job completed (not compressed); expired → 403.</summary>
    public TimeSpan ResultUrlTtl { get; set; } = TimeSpan.FromDays(7);

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
