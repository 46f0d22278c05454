namespace Reelay.Bench.Scenarios;

/// <summary>What one B3 run measured. Lags are in milliseconds, memory in kB.</summary>
public sealed record B3ModeResult(
    B3Mode Mode,
    int Jobs,
    int CreateFailures,
    TimeSpan CreateTime,
    int PeakInFlight,
    long PeakRssKb,
    long RssAtPeakInFlightKb,
    int Succeeded,
    int NotSucceeded,
    int UpstreamCreates,
    int StatusCalls,
    int ListCalls,
    int StatusCallsP50,
    int StatusCallsMax,
    int CallbacksSent,
    double LagP50,
    double LagP95,
    double LagP99,
    double LagMax,
    TimeSpan Wall)
{
    /// <summary>Every status call per job: single-task queries and task-list pages (one page = one call).</summary>
    public double StatusCallsPerJob => Jobs == 0 ? 0 : (double)(StatusCalls + ListCalls) / Jobs;
}
