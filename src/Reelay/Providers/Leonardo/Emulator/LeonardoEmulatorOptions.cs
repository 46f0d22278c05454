using Reelay.Emulation;

namespace Reelay.Providers.Leonardo.Emulator;

/// <summary>How a <see cref="LeonardoEmulator"/> behaves. Times are the upstream's; the emulator divides them by <see cref="TimeCompression"/>.</summary>
public sealed record LeonardoEmulatorOptions : IEmulatorTimelineOptions
{
    public const string DefaultApiKey = "leo-emulator-7d2f4c1e-93b8-4a55-8f0e-2b6c9d1a3e57";

    /// <summary>The <c>Authorization: Bearer</c> key the emulator accepts. Null or empty switches authentication off.</summary>
    public string? ApiKey { get; set; } = DefaultApiKey;

    /// <summary>Time a generation waits before it starts rendering (reported <c>PENDING</c>, like the rendering).</summary>
    public TimeSpan QueueTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time a generation renders (still <c>PENDING</c>: Leonardo has no separate running status).</summary>
    public TimeSpan GenerationTime { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>100 makes every duration 100 times shorter. Must be positive.</summary>
    public double TimeCompression { get; set; } = 1;

    /// <summary>How long an issued init-image form accepts the upload (Leonardo: 2 minutes; not compressed).</summary>
    public TimeSpan UploadFormLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long result URLs stay valid after the generation completed (not compressed); expired → 403.</summary>
    public TimeSpan ResultUrlTtl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Base of upload-form and result URLs (e.g. behind a proxy). Null: the host the request came to.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Size of the one result video rendered per emulator (5 s testsrc2, H.264).</summary>
    public string ResultVideoSize { get; set; } = "1280x720";

    /// <summary>Write requests to the console (the CLI turns this on).</summary>
    public bool ConsoleLogging { get; set; }

    public EmulatorFaults Faults { get; set; } = new();

    /// <summary>Probability (0..1) that <c>POST /init-image</c> answers 503 and issues no upload form (Leonardo's extra step).</summary>
    public double InitImage5xx { get; set; }

    internal TimeSpan Compress(TimeSpan t) => TimeSpan.FromTicks((long)(t.Ticks / TimeCompression));
}
