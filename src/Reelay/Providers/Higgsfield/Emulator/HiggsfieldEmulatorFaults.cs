namespace Reelay.Providers.Higgsfield.Emulator;

/// <summary>
/// Faults the Higgsfield emulator injects. Each probability (0..1) is rolled per request (per job for the outcomes) on
/// one seeded random source in a fixed order, so a serial client sees the same faults on every run. 0 never, 1 always.
/// </summary>
public sealed record HiggsfieldEmulatorFaults
{
    /// <summary>Generate answers 500 or 503 (half each) with a FastAPI detail; no job set is created.</summary>
    public double Create5xx { get; set; }

    /// <summary>Generate answers 429 "Too many requests"; no job set is created.</summary>
    public double Create429 { get; set; }

    /// <summary>Generate answers 403 "Not enough credits"; no job set is created.</summary>
    public double NotEnoughCredits { get; set; }

    /// <summary>A created job ends <c>nsfw</c> (content rejected by moderation) instead of <c>completed</c>.</summary>
    public double Nsfw { get; set; }

    /// <summary>A created job ends <c>failed</c>.</summary>
    public double FailJob { get; set; }

    public int Seed { get; set; } = 42;
}
