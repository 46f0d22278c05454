using Reelay.Emulation;

namespace Reelay.Providers.Higgsfield.Emulator;

/// <summary>
/// How a <see cref="HiggsfieldEmulator"/> behaves. Queue time: time a job stays <c>queued</c>. Generation time:
/// time a job stays <c>in_progress</c>.
/// </summary>
public sealed record HiggsfieldEmulatorOptions() : EmulatorOptions(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(90), TimeSpan.FromDays(7))
{
    public const string DefaultApiKey = "3f0c2a44-6a4e-4c8e-9b1a-0e5d6c7b8a90";
    public const string DefaultSecret = "emulator-hf-secret";

    /// <summary>The <c>hf-api-key</c> the emulator accepts. Null or empty switches authentication off.</summary>
    public string? ApiKey { get; set; } = DefaultApiKey;

    /// <summary>The <c>hf-secret</c> that must come with it.</summary>
    public string Secret { get; set; } = DefaultSecret;

    /// <summary>How often (emulator clock) due webhooks are looked for and sent.</summary>
    public TimeSpan WebhookScanInterval { get; set; } = TimeSpan.FromMilliseconds(20);
}
