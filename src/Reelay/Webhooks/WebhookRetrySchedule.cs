using System.Net.Http.Headers;

namespace Reelay.Webhooks;

/// <summary>
/// When to try a failed webhook again (Standard Webhooks schedule): attempts at 0, 5 s, 5 min, 30 min, 2 h, 5 h,
/// 10 h and 10 h after the previous one, each delay jittered by ±10 % so that messages failing together (a
/// receiver outage) do not all retry in the same instant. A receiver's Retry-After can lengthen a delay, never
/// shorten it. Thread-safe.
/// </summary>
public sealed class WebhookRetrySchedule
{
    /// <summary>Delay before attempt n+1 (index n); index 0 is the first attempt, made at once.</summary>
    public static IReadOnlyList<TimeSpan> Delays { get; } =
    [
        TimeSpan.Zero,
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
        TimeSpan.FromHours(10),
    ];

    /// <summary>Relative jitter applied to every delay: the actual delay is within ±10 % of the nominal one.</summary>
    public const double Jitter = 0.10;

    /// <summary>
    /// Longest Retry-After honoured. A receiver may slow its retries down, but not park a message beyond the
    /// longest step of the schedule.
    /// </summary>
    public static TimeSpan MaxRetryAfter { get; } = TimeSpan.FromHours(10);

    /// <summary>
    /// The longest the schedule can take from the first attempt to the last: every delay at its jittered maximum or
    /// lengthened by Retry-After to <see cref="MaxRetryAfter"/>, whichever is longer (72 h). A link inside a
    /// webhook payload must outlive this to be valid when the last attempt delivers it.
    /// </summary>
    public static TimeSpan LongestSpan { get; } = TimeSpan.FromTicks(Delays.Skip(1)
        .Select(d => Math.Max((long)(d.Ticks * (1 + Jitter)), MaxRetryAfter.Ticks)).Sum());

    private readonly Random _random;
    private readonly Lock _lock = new();

    public WebhookRetrySchedule() : this(Random.Shared) { }

    /// <param name="random">Source of jitter; pass a seeded instance for reproducible tests.</param>
    public WebhookRetrySchedule(Random random) => _random = random;

    /// <summary>Total attempts before a message is given up as failed.</summary>
    public static int MaxAttempts => Delays.Count;

    /// <summary>
    /// The delay before the next attempt, or null when <paramref name="attemptsMade"/> exhausted the schedule
    /// (the message has failed).
    /// </summary>
    /// <param name="attemptsMade">Attempts made so far, including the one that just failed (1 or more).</param>
    /// <param name="retryAfter">The receiver's Retry-After, used as a lower bound (capped at <see cref="MaxRetryAfter"/>).</param>
    public TimeSpan? NextDelay(int attemptsMade, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsMade, 1);
        if (attemptsMade >= MaxAttempts) return null;
        double factor;
        lock (_lock) factor = 1 + (_random.NextDouble() * 2 - 1) * Jitter;
        var delay = Delays[attemptsMade] * factor;
        if (retryAfter is { } floor)
        {
            floor = floor > MaxRetryAfter ? MaxRetryAfter : floor;
            if (floor > delay) delay = floor;
        }
        return delay;
    }

    /// <summary>When the next attempt is due, or null when the message has failed.</summary>
    public DateTimeOffset? NextAttemptAt(int attemptsMade, DateTimeOffset now, TimeSpan? retryAfter = null) =>
        NextDelay(attemptsMade, retryAfter) is { } delay ? now + delay : null;

    /// <summary>
    /// The wait a Retry-After header asks for, in either form (delta seconds or HTTP date); null when absent.
    /// A date in the past means no wait.
    /// </summary>
    public static TimeSpan? ParseRetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date) return date > now ? date - now : TimeSpan.Zero;
        return null;
    }
}
