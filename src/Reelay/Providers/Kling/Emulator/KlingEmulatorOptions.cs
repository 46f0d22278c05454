using Reelay.Emulation;

namespace Reelay.Providers.Kling.Emulator;

/// <summary>How a <see cref="KlingEmulator"/> behaves. Times are the upstream's; the emulator divides them by <see cref="TimeCompression"/>.</summary>
public sealed record KlingEmulatorOptions : IEmulatorTimelineOptions
{
    public const string DefaultAccessKey = "emulator-access-key";
    public const string DefaultSecretKey = "emulator-secret-key";

    /// <summary>The JWT <c>iss</c> the emulator accepts. Null or empty switches authentication off.</summary>
    public string? AccessKey { get; set; } = DefaultAccessKey;

    /// <summary>The HS256 secret JWTs must be signed with.</summary>
    public string SecretKey { get; set; } = DefaultSecretKey;

    /// <summary>Time a task stays <c>submitted</c>.</summary>
    public TimeSpan QueueTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time a task stays <c>processing</c> (the lower bound when <see cref="GenerationTimeMax"/> is set).</summary>
    public TimeSpan GenerationTime { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>When set, each task's generation time is drawn uniformly from [GenerationTime, GenerationTimeMax] (seeded).</summary>
    public TimeSpan? GenerationTimeMax { get; set; }

    /// <summary>100 makes every duration 100 times shorter. Must be positive.</summary>
    public double TimeCompression { get; set; } = 1;

    /// <summary>Running tasks per account (a task holds a slot from submit until it ends); over it → 429 code 1303. Null: unlimited.</summary>
    public int? MaxConcurrentTasks { get; set; }

    /// <summary>How long a result URL stays valid after the task succeeded (not compressed); expired → 403.</summary>
    public TimeSpan ResultUrlTtl { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Base of result URLs (e.g. behind a proxy). Null: the host the query came to, or the bound address in callbacks.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Size of the one result video rendered per emulator (5 s testsrc2, H.264).</summary>
    public string ResultVideoSize { get; set; } = "1280x720";

    /// <summary>How often the callback loop looks for due callbacks (on the emulator's clock).</summary>
    public TimeSpan CallbackScanInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Callback POSTs in flight at once.</summary>
    public int MaxConcurrentCallbacks { get; set; } = 64;

    /// <summary>Write request and callback failures to the console (the CLI turns this on).</summary>
    public bool ConsoleLogging { get; set; }

    public EmulatorFaults Faults { get; set; } = new();

    internal TimeSpan Compress(TimeSpan t) => TimeSpan.FromTicks((long)(t.Ticks / TimeCompression));
}
