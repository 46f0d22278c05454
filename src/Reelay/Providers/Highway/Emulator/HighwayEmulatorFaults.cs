namespace Reelay.Providers.Highway.Emulator;

/// <summary>
/// Faults the Highway emulator injects. Each probability (0..1) is rolled per request (per task for the outcomes) on
/// one seeded random source in a fixed order, so a serial client sees the same faults on every run. 0 never, 1 always.
/// </summary>
public sealed record HighwayEmulatorFaults
{
    /// <summary>Create answers 500 or 503 (half each) in Novita's error shape; no task is created.</summary>
    public double Create5xx { get; set; }

    /// <summary>Create answers 429 TOKEN_LIMIT_EXCEEDED; no task is created.</summary>
    public double Create429 { get; set; }

    /// <summary>Create answers 403 NOT_ENOUGH_BALANCE; no task is created.</summary>
    public double NotEnoughBalance { get; set; }

    /// <summary>A created task ends FAILED with a content-moderation reason (NSFW).</summary>
    public double ContentRejected { get; set; }

    /// <summary>A created task ends FAILED with a generic generation error.</summary>
    public double FailTask { get; set; }

    public int Seed { get; set; } = 42;
}
