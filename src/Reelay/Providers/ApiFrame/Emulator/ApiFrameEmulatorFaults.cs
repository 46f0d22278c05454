namespace Reelay.Providers.ApiFrame.Emulator;

/// <summary>
/// Faults the APIFrame emulator injects. Each probability (0..1) is rolled per request (per task for the task
/// outcomes) on one random source seeded with <see cref="Seed"/>, so a serial client sees the same faults on every
/// run. 0 never, 1 always.
/// </summary>
public sealed record ApiFrameEmulatorFaults
{
    /// <summary>Create answers 500 <c>{}</c> (APIFrame's documented server error); no task is created.</summary>
    public double Create5xx { get; set; }

    /// <summary>Create answers 429 with <c>{"errors":[{"msg":"rate limit exceeded"}]}</c> and Retry-After: 1; no task is created.</summary>
    public double Create429 { get; set; }

    /// <summary>
    /// The task IS created, then the answer is held for <see cref="CreateTimeoutDelay"/> (released early when the
    /// client gives up): the lost-answer case. APIFrame offers no lookup by a client id, so a client can only resubmit.
    /// </summary>
    public double CreateTimeout { get; set; }

    public TimeSpan CreateTimeoutDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A created task ends <c>failed</c> with a content-moderation message instead of finishing.</summary>
    public double ContentRejected { get; set; }

    /// <summary>A created task ends <c>failed</c> with a generic generation failure.</summary>
    public double FailTask { get; set; }

    /// <summary>No webhook is ever sent (webhook_url is accepted and ignored).</summary>
    public bool WebhooksNeverCome { get; set; }

    public int Seed { get; set; } = 42;
}
