namespace Reelay.Providers.Highway.Upstream;

/// <summary>
/// When to ask again, from what Highway itself announces: the next query comes at the task's <c>eta</c> (seconds left),
/// never sooner than <see cref="MinInterval"/> nor later than the configured maximum; without an eta (queued, or 0)
/// the maximum interval is used. Progress is the upstream's <c>progress_percent</c>, kept under 100 until the result exists.
/// </summary>
internal static class HighwayPollSchedule
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    public static TimeSpan NextPoll(int etaSeconds, TimeSpan max)
    {
        var upper = max < MinInterval ? MinInterval : max;
        if (etaSeconds <= 0) return upper;
        var eta = TimeSpan.FromSeconds(etaSeconds);
        return eta < MinInterval ? MinInterval : eta > upper ? upper : eta;
    }

    /// <summary>Queued: at most 5. Processing: the upstream's percentage within 1..99.</summary>
    public static int Progress(int progressPercent, bool processing) =>
        processing ? Math.Clamp(progressPercent, 1, 99) : Math.Clamp(progressPercent, 0, 5);
}
