namespace Reelay.Providers.Leonardo.Emulator;

/// <summary>
/// Faults the Leonardo emulator injects. Each probability (0..1) is rolled per request (per generation for the
/// outcomes) on one seeded random source in a fixed order, so a serial client sees the same faults on every run.
/// 0 never, 1 always. Leonardo's webhooks are configured per API key in its web app, not per request, so the emulator
/// sends none and has no "callbacks never come" fault: clients poll.
/// </summary>
public sealed record LeonardoEmulatorFaults
{
    /// <summary>A generation create answers 500 or 503 (half each) in Leonardo's error shape; nothing is created.</summary>
    public double Create5xx { get; set; }

    /// <summary>A generation create answers 429 <c>rate-limited</c>; nothing is created.</summary>
    public double Create429 { get; set; }

    /// <summary><c>POST /init-image</c> answers 503; no upload form is issued.</summary>
    public double InitImage5xx { get; set; }

    /// <summary>A created generation ends <c>FAILED</c> with its output flagged <c>nsfw</c> (content moderation).</summary>
    public double ContentRejected { get; set; }

    /// <summary>A created generation ends <c>FAILED</c> without a reason.</summary>
    public double FailGeneration { get; set; }

    public int Seed { get; set; } = 42;
}
