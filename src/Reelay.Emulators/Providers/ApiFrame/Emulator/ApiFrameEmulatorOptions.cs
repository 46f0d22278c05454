using Reelay.Emulation;

namespace Reelay.Providers.ApiFrame.Emulator;

/// <summary>
/// How an <see cref="ApiFrameEmulator"/> behaves. Queue time: time a task stays <c>pending</c>. Generation time:
/// time a task stays <c>processing</c>.
/// </summary>
public sealed record ApiFrameEmulatorOptions() : EmulatorOptions(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(120), TimeSpan.FromDays(7))
{
    public const string DefaultApiKey = "emulator-apiframe-key";

    /// <summary>The raw <c>Authorization</c> value the emulator accepts. Null or empty switches authentication off.</summary>
    public string? ApiKey { get; set; } = DefaultApiKey;

    /// <summary>
    /// When true, an image2video create downloads <c>image_url</c> (and <c>end_image_url</c>) as APIFrame would and
    /// refuses the task with 400 when that fails. Off by default (no network use).
    /// </summary>
    public bool FetchImages { get; set; }

    /// <summary>How often the webhook loop looks for due webhooks (on the emulator's clock).</summary>
    public TimeSpan WebhookScanInterval { get; set; } = TimeSpan.FromMilliseconds(20);
}
