using System.Diagnostics;
using System.Text.Json;

namespace Reelay.Reliability.Faults;

/// <summary>
/// Polls <c>/readyz</c> through a scenario and answers the two questions asked of it: did it say 503 naming the
/// broken dependency while that was down, and how long after the repair did it say 200 again.
/// </summary>
public sealed class ReadinessWatch(HttpClient http, string? dependency)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly object _gate = new();
    private long _repairedAt;
    private bool _namedWhileDown;
    private string _lastDownBody = "";

    /// <summary>Time from the repair to the first 200, once seen.</summary>
    public TimeSpan? RecoveryTime { get; private set; }
    public bool NamedWhileDown { get { lock (_gate) return _namedWhileDown; } }
    public string LastDownBody { get { lock (_gate) return _lastDownBody; } }
    public FaultPhase Phase { get; set; }
    private readonly List<string> _outageSamples = [];

    /// <summary>Every answer to a probe sent during the outage ("status body").</summary>
    public IReadOnlyList<string> OutageSamples { get { lock (_gate) return [.. _outageSamples]; } }

    public void MarkRepaired() => Interlocked.Exchange(ref _repairedAt, Stopwatch.GetTimestamp());

    /// <summary>Starts a probe every interval without waiting for the last one: a probe held by a hung dependency must not hide the next ones.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var probes = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            probes.Add(SampleAsync());
            try { await Task.Delay(Interval, stop); }
            catch (OperationCanceledException) { break; }
        }
        await Task.WhenAll(probes);
    }

    private async Task SampleAsync()
    {
        var phase = Phase;
        using var bound = new CancellationTokenSource(TrickleLoad.HangBound);
        int status;
        string body;
        try
        {
            using var response = await http.GetAsync("/readyz", bound.Token);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(bound.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return;
        }
        if (phase == FaultPhase.Outage)
            lock (_gate) _outageSamples.Add($"{status} {body}");
        if (phase == FaultPhase.Outage && status == 503 && dependency is not null && Names(body, dependency))
        {
            lock (_gate)
            {
                _namedWhileDown = true;
                _lastDownBody = body;
            }
        }
        var repaired = Interlocked.Read(ref _repairedAt);
        if (phase == FaultPhase.After && status == 200 && repaired != 0 && RecoveryTime is null)
            RecoveryTime = Stopwatch.GetElapsedTime(repaired);
    }

    /// <summary>The check named <paramref name="check"/> is present and not "ok".</summary>
    private static bool Names(string body, string check)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("checks", out var checks) && checks.TryGetProperty(check, out var value) && value.GetString() != "ok";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Polls until /readyz answers 200 or <paramref name="deadline"/> passes.</summary>
    public async Task<bool> WaitReadyAsync(TimeSpan deadline, CancellationToken ct)
    {
        var until = Stopwatch.GetTimestamp() + (long)(deadline.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            if (RecoveryTime is not null) return true;
            await Task.Delay(Interval, ct);
        }
        return RecoveryTime is not null;
    }
}
