namespace Reelay.Bench.Scenarios;

/// <summary>What one B3 run (polling only, or with callbacks) measured. Lags are in milliseconds, memory in kB.</summary>
public sealed record B3ModeResult(
    bool Callbacks,
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
    int StatusCallsP50,
    int StatusCallsMax,
    int CallbacksSent,
    double LagP50,
    double LagP95,
    double LagP99,
    double LagMax,
    TimeSpan Wall)
{
    public double StatusCallsPerJob => Jobs == 0 ? 0 : (double)StatusCalls / Jobs;
}
