using Reelay.Emulation;

namespace Reelay.Providers.HyprLab.Emulator;

/// <summary>How a <see cref="HyprLabEmulator"/> behaves. Times are the upstream's; the emulator divides them by <see cref="TimeCompression"/>.</summary>
public sealed record HyprLabEmulatorOptions : IEmulatorTimelineOptions
{
    public const string DefaultApiKey = "emulator-hyprlab-key";

    /// <summary>The bearer key the emulator accepts. Null or empty switches authentication off.</summary>
    public string? ApiKey { get; set; } = DefaultApiKey;

    /// <summary>Time a generation stays <c>pending</c>.</summary>
    public TimeSpan QueueTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time a generation stays <c>processing</c>.</summary>
    public TimeSpan GenerationTime { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>100 makes every duration 100 times shorter. Must be positive.</summary>
    public double TimeCompression { get; set; } = 1;

    /// <summary>How long a result URL stays valid after the generation succeeded (not compressed); expired → 403.</summary>
    public TimeSpan ResultUrlTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Base of polling and result URLs (e.g. behind a proxy). Null: the address the emulator is bound to.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Size of the one result video rendered per emulator (5 s testsrc2, H.264).</summary>
    public string ResultVideoSize { get; set; } = "1280x720";

    /// <summary>Write requests to the console (the CLI turns this on).</summary>
    public bool ConsoleLogging { get; set; }

    public EmulatorFaults Faults { get; set; } = new();

    internal TimeSpan Compress(TimeSpan t) => TimeSpan.FromTicks((long)(t.Ticks / TimeCompression));
}
