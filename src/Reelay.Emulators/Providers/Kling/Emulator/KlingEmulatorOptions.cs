using Reelay.Emulation;

namespace Reelay.Providers.Kling.Emulator;

/// <summary>
/// How a <see cref="KlingEmulator"/> behaves. Queue time: time a task stays <c>submitted</c>. Generation time: time
/// a task stays <c>processing</c> (the lower bound when <see cref="GenerationTimeMax"/> is set).
/// </summary>
public sealed record KlingEmulatorOptions() : EmulatorOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(120), TimeSpan.FromDays(30))
{
    public const string DefaultAccessKey = "emulator-access-key";
    public const string DefaultSecretKey = "emulator-secret-key-0f3a9c1d7e5b2468";

    /// <summary>The JWT <c>iss</c> the emulator accepts. Null or empty switches authentication off.</summary>
    public string? AccessKey { get; set; } = DefaultAccessKey;

    /// <summary>The HS256 secret JWTs must be signed with: at least 32 bytes, as Kling's secret keys are (a shorter one verifies no token).</summary>
    public string SecretKey { get; set; } = DefaultSecretKey;

    /// <summary>When set, each task's generation time is drawn uniformly from [GenerationTime, GenerationTimeMax] (seeded).</summary>
    public TimeSpan? GenerationTimeMax { get; set; }

    /// <summary>Running tasks per account (a task holds a slot from submit until it ends); over it → 429 code 1303. Null: unlimited.</summary>
    public int? MaxConcurrentTasks { get; set; }

    /// <summary>How often the callback loop looks for due callbacks (on the emulator's clock).</summary>
    public TimeSpan CallbackScanInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Callback POSTs in flight at once.</summary>
    public int MaxConcurrentCallbacks { get; set; } = 64;
}
