using Reelay.Emulation;

namespace Reelay.Providers.HyprLab.Emulator;

/// <summary>
/// How a <see cref="HyprLabEmulator"/> behaves. Queue time: time a generation stays <c>pending</c>. Generation
/// time: time a generation stays <c>processing</c>.
/// </summary>
public sealed record HyprLabEmulatorOptions() : EmulatorOptions(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(120), TimeSpan.FromDays(1))
{
    public const string DefaultApiKey = "emulator-hyprlab-key";

    /// <summary>The bearer key the emulator accepts. Null or empty switches authentication off.</summary>
    public string? ApiKey { get; set; } = DefaultApiKey;
}
