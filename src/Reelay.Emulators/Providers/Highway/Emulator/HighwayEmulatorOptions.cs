using Reelay.Emulation;

namespace Reelay.Providers.Highway.Emulator;

/// <summary>
/// How a <see cref="HighwayEmulator"/> behaves. Queue time: time a task stays TASK_STATUS_QUEUED. Generation time:
/// time a task stays TASK_STATUS_PROCESSING (eta counts down and progress_percent rises over it).
/// </summary>
public sealed record HighwayEmulatorOptions() : EmulatorOptions(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(90), TimeSpan.FromHours(1))
{
    public const string DefaultApiKey = "emulator-highway-key";

    /// <summary>The Bearer key the emulator accepts. Null or empty switches authentication off.</summary>
    public string? ApiKey { get; set; } = DefaultApiKey;

    /// <summary>How often (emulator clock) due webhooks are looked for and sent.</summary>
    public TimeSpan WebhookScanInterval { get; set; } = TimeSpan.FromMilliseconds(20);
}
