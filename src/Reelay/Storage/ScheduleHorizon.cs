namespace Reelay.Storage;

/// <summary>
/// Wall clocks step back (an NTP correction, a restored VM). Every "later" Reelay stores — a job's next step, a
/// webhook's next attempt — is written against the clock of that moment, so after a step back of Δ it lies Δ further
/// ahead than meant, and a job queued for "now" would wait Δ. Reelay never schedules anything further ahead than these
/// horizons (job transitions clamp to <see cref="Jobs"/>; the webhook retry schedule's longest wait is under
/// <see cref="Webhooks"/>), so a stored time beyond now + horizon can only come from a clock that stepped back: the
/// stores treat it as due now. Stateless, so it holds across restarts and nodes. A step back shorter than the horizon
/// is seen by <see cref="Reelay.Scheduling.ClockStepWatch"/> on a running node, which moves the stored times back by the
/// step; only a step while no node runs delays work, by at most the step. Leases are deliberately not judged this way: a lease far ahead may belong to a step
/// still running, which renews it on the new clock within a third of the lease (taking it would run the step twice); only
/// a lease whose holder died at the moment of the step outlives it, by the size of the step.
/// </summary>
public static class ScheduleHorizon
{
    /// <summary>Furthest ahead a job's next step is ever set.</summary>
    public static readonly TimeSpan Jobs = TimeSpan.FromHours(1);

    /// <summary>Furthest ahead a webhook's next attempt is ever set (the retry schedule tops out at 10 h + 10 % jitter).</summary>
    public static readonly TimeSpan Webhooks = TimeSpan.FromHours(12);

    /// <summary><paramref name="at"/>, or now + <see cref="Jobs"/> when it lies further ahead.</summary>
    public static DateTimeOffset ClampJob(DateTimeOffset at, DateTimeOffset now) => at - now > Jobs ? now + Jobs : at;
}
