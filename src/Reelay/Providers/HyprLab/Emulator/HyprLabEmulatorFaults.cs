namespace Reelay.Providers.HyprLab.Emulator;

/// <summary>
/// Faults the HyprLab emulator injects. Each probability (0..1) is rolled per request (per generation for the
/// outcomes) on one random source seeded with <see cref="Seed"/>, so a serial client sees the same faults on every
/// run. 0 never, 1 always.
/// </summary>
public sealed record HyprLabEmulatorFaults
{
    /// <summary>Create answers 500 (or 503, half each) with an OpenAI-style server_error; nothing is created.</summary>
    public double Create5xx { get; set; }

    /// <summary>Create answers 429 <c>rate_limit_exceeded</c> with Retry-After: 1; nothing is created.</summary>
    public double Create429 { get; set; }

    /// <summary>Create answers 429 <c>insufficient_quota</c> (the account is out of credit); nothing is created.</summary>
    public double CreateQuota { get; set; }

    /// <summary>A created generation ends <c>failed</c> with a content-policy message instead of succeeding.</summary>
    public double ContentRejected { get; set; }

    /// <summary>A created generation ends <c>failed</c> with a generic error.</summary>
    public double FailTask { get; set; }

    public int Seed { get; set; } = 42;
}
