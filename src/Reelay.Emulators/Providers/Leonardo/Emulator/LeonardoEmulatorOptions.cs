using Reelay.Emulation;

namespace Reelay.Providers.Leonardo.Emulator;

/// <summary>
/// How a <see cref="LeonardoEmulator"/> behaves. Queue time: time a generation waits before it starts rendering
/// (reported <c>PENDING</c>, like the rendering). Generation time: time a generation renders (still <c>PENDING</c>:
/// Leonardo has no separate running status).
/// </summary>
public sealed record LeonardoEmulatorOptions() : EmulatorOptions(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(90), TimeSpan.FromDays(7))
{
    public const string DefaultApiKey = "leo-emulator-7d2f4c1e-93b8-4a55-8f0e-2b6c9d1a3e57";

    /// <summary>The <c>Authorization: Bearer</c> key the emulator accepts. Null or empty switches authentication off.</summary>
    public string? ApiKey { get; set; } = DefaultApiKey;

    /// <summary>How long an issued init-image form accepts the upload (Leonardo: 2 minutes; not compressed).</summary>
    public TimeSpan UploadFormLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Probability (0..1) that <c>POST /init-image</c> answers 503 and issues no upload form (Leonardo's extra step).</summary>
    public double InitImage5xx { get; set; }
}
