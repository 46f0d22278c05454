namespace Reelay.Providers.Kling.Emulator;

/// <summary>
/// One emulated task's fixed timeline and how often it was queried, for tests and benchmarks that measure a
/// client against the upstream's own clock (e.g. detection lag = client saw success − <see cref="EndsAt"/>).
/// </summary>
public sealed record EmulatedTaskTimeline(
    string TaskId,
    string? ExternalTaskId,
    DateTimeOffset SubmittedAt,
    DateTimeOffset ProcessingAt,
    DateTimeOffset EndsAt,
    bool Succeeds,
    int StatusCalls,
    bool ContentRejected = false);
