using Reelay.Engines;
using Reelay.Jobs;

namespace Reelay.Upstreams;

/// <summary>
/// When to ask an upstream again about a task, shared by every upstream adapter.
/// <list type="number">
/// <item>First query at the request's typical minimum generation time (or the upstream's
/// <see cref="UpstreamDefinition.FirstPollAfter"/>): asking sooner can only hear "not yet".</item>
/// <item>Then, when the upstream gives an eta, just after that eta; when it gives only a percentage, at the time the
/// progress rate so far predicts (never later than the backoff below, since the rate includes queueing).</item>
/// <item>Otherwise growing backoff: the next query comes after half the time elapsed since submit.</item>
/// <item>Each later delay is jittered by ±10 % (so jobs submitted together do not query in step) and clamped to
/// [<see cref="MinInterval"/>, MaxPollInterval].</item>
/// </list>
/// <para>
/// Why half the elapsed time (benchmark B3: ≤ 6 status calls per job for generation times of 30–240 s, detection
/// lag p95 ≤ 2 s): the queries then fall at t₀·1.5ᵏ, a geometric series that is dense right after the typical
/// minimum t₀ — where most jobs finish — and sparse in the long tail. A job finishing at t needs
/// 1 + ⌈log₁.₅(t/t₀)⌉ queries: for t₀ = 30 s and t uniform over 30–240 s that averages ≈ 4.9 (6 up to 228 s, 7
/// beyond); a constant interval of the same average cost would leave a lag of ~20 s for every job. The lag is at most
/// the last gap, half the time of the previous query, so under half the generation time (±10 % jitter): with B3's
/// time compression at 60× or more (240 s becomes ≤ 4 s) that is ≤ 2 s. Uncompressed,
/// MaxPollInterval bounds the lag instead (30 s by default) at the price of a few more calls for slow jobs; and an
/// upstream's eta, or its callback, brings the lag down to the eta slack or one round trip.
/// </para>
/// </summary>
public sealed class PollPlanner
{
    /// <summary>Floor of every delay: a task is never queried more than five times a second.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(200);
    private const double Growth = 0.5;
    private const double JitterFraction = 0.1;
    /// <summary>Upstream etas are rounded estimates: query a little after, so the query at the eta usually finds the result.</summary>
    private const double EtaSlack = 0.05;
    private static readonly TimeSpan EtaSlackFloor = TimeSpan.FromMilliseconds(100);

    private readonly TimeSpan? _firstPollAfter;
    private readonly TimeSpan _maxInterval;
    private readonly GenerationTimes _times;
    private readonly TimeProvider _time;
    private readonly Func<double> _random;

    /// <param name="firstPollAfter">Overrides the typical minimum as the first delay; null uses the model's.</param>
    /// <param name="maxPollInterval">Longest gap between two queries of one task.</param>
    /// <param name="random">Uniform 0..1 for the jitter (tests pass a fixed value); <see cref="Random.Shared"/> by default.</param>
    public PollPlanner(TimeSpan? firstPollAfter, TimeSpan maxPollInterval, GenerationTimes times, TimeProvider time, Func<double>? random = null)
    {
        _firstPollAfter = firstPollAfter;
        _maxInterval = maxPollInterval < MinInterval ? MinInterval : maxPollInterval;
        _times = times;
        _time = time;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>Delay from submit to the first status query.</summary>
    public TimeSpan FirstPoll(VideoRequest request) => Bound(_firstPollAfter ?? _times.For(request).Min, allowLong: true);

    /// <summary>The outcome for a task that is not finished: the progress to show and when to ask again.</summary>
    public EngineOutcome Running(VideoJob job, PollHint hint) => EngineOutcome.Running(Progress(job, hint), NextPoll(job, hint));

    /// <summary>Delay until the next status query of a task that is still running.</summary>
    public TimeSpan NextPoll(VideoJob job, PollHint hint)
    {
        var elapsed = Elapsed(job);
        var backoff = elapsed * Growth;
        // Asked early (a callback hurried the query): the first-poll time still says "not before then", and a tiny
        // elapsed time must not turn the backoff into a burst of queries.
        var first = _firstPollAfter ?? _times.For(job.Request).Min;
        if (elapsed < first && backoff < first - elapsed) backoff = first - elapsed;

        TimeSpan delay;
        if (hint.Eta is { } eta && eta > TimeSpan.Zero)
        {
            // Jittered later only: a query before the eta would mostly hear "not yet" and cost one more call.
            delay = (eta + Max(eta * EtaSlack, EtaSlackFloor)) * (1 + JitterFraction * _random());
            return Bound(delay, allowLong: false);
        }
        if (hint is { Started: true, Percent: > 0 and < 100 } && elapsed > TimeSpan.Zero)
            delay = Min(elapsed * ((100.0 - hint.Percent.Value) / hint.Percent.Value), backoff);
        else
            delay = backoff;
        return Bound(Jitter(delay), allowLong: false);
    }

    /// <summary>
    /// The upstream's percentage when it gives one, else an estimate from the time since submit against the typical
    /// time (linear to 90 %, then creeping towards 99). Never 100 before the result exists; at most 5 while queued.
    /// </summary>
    public int Progress(VideoJob job, PollHint hint)
    {
        int value;
        if (hint.Percent is { } p) value = p;
        else
        {
            var elapsed = Elapsed(job);
            var typical = _times.For(job.Request).Typical;
            var ratio = typical > TimeSpan.Zero ? elapsed / typical : 1;
            value = (int)Math.Floor(ratio <= 1 ? 90 * ratio : 90 + 9 * (1 - 1 / ratio));
        }
        return hint.Started ? Math.Clamp(value, 1, 99) : Math.Clamp(value, 0, 5);
    }

    private TimeSpan Elapsed(VideoJob job)
    {
        var e = _time.GetUtcNow() - (job.StartedAt ?? job.CreatedAt);
        return e < TimeSpan.Zero ? TimeSpan.Zero : e;
    }

    private TimeSpan Jitter(TimeSpan t) => t * (1 + JitterFraction * (2 * _random() - 1));

    /// <summary>The first poll may exceed MaxPollInterval (a model that never finishes in under 2 min is not asked at 30 s).</summary>
    private TimeSpan Bound(TimeSpan t, bool allowLong) =>
        t < MinInterval ? MinInterval : !allowLong && t > _maxInterval ? _maxInterval : t;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
