using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Reelay.Reliability.Faults;

/// <summary>
/// A steady trickle of API traffic during a scenario: one create (<c>POST /v1/videos</c>) every
/// <c>createEvery</c> ticks and one read of a known job per tick, each bounded by <see cref="HangBound"/>. Counts answers by phase; a 5xx is "clear" when it is a 503 with
/// Retry-After in the native problem shape (what an outage may answer), anything else is a defect.
/// </summary>
public sealed class TrickleLoad(HttpClient http, Func<int, object> createBody, TimeSpan tick, int createEvery = 1)
{
    public static readonly TimeSpan HangBound = TimeSpan.FromSeconds(10);

    private readonly List<string> _acknowledged = [];
    private readonly List<string> _findings = [];
    private volatile FaultPhase _phase = FaultPhase.Before;
    private int _sent;
    private int _serverErrors;
    private int _unclearServerErrors;
    private int _serverErrorsAfter;
    private int _hangs;
    private int _transportErrors;
    private int _refusedDuringOutage;

    public FaultPhase Phase { get => _phase; set => _phase = value; }
    public IReadOnlyList<string> Acknowledged { get { lock (_acknowledged) return [.. _acknowledged]; } }
    public IReadOnlyList<string> Findings { get { lock (_findings) return [.. _findings]; } }
    public int Sent => _sent;
    public int ServerErrors => _serverErrors;
    /// <summary>5xx that are not a 503 + Retry-After + problem+json: a 500, a bare 503, a 502...</summary>
    public int UnclearServerErrors => _unclearServerErrors;
    /// <summary>5xx answered once the dependency was back and /readyz said ready.</summary>
    public int ServerErrorsAfterRecovery => _serverErrorsAfter;
    public int Hangs => _hangs;
    public int TransportErrors => _transportErrors;
    public int RefusedDuringOutage => _refusedDuringOutage;
    /// <summary>Set by the scenario once /readyz answers 200 again after the repair.</summary>
    public bool Recovered { get; set; }

    public async Task RunAsync(CancellationToken stop)
    {
        var i = 0;
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            var n = i++;
            await Task.WhenAll(n % createEvery == 0 ? CreateAsync(n) : Task.CompletedTask, ReadAsync(n));
            var rest = tick - Stopwatch.GetElapsedTime(started);
            if (rest > TimeSpan.Zero)
            {
                try { await Task.Delay(rest, stop); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task CreateAsync(int n)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/videos") { Content = JsonContent.Create(createBody(n)) };
        request.Headers.Add("Idempotency-Key", $"trickle-{n}-{Guid.NewGuid():N}");
        var body = await SendAsync(request, $"create #{n}");
        if (body is null) return;
        using var doc = JsonDocument.Parse(body);
        if (doc.RootElement.TryGetProperty("id", out var id) && id.GetString() is { } s)
            lock (_acknowledged) _acknowledged.Add(s);
    }

    private async Task ReadAsync(int n)
    {
        string? id;
        lock (_acknowledged) id = _acknowledged.Count == 0 ? null : _acknowledged[n % _acknowledged.Count];
        if (id is null) return;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/videos/{id}");
        await SendAsync(request, $"read {id}");
    }

    /// <summary>The body of a 2xx answer; null (and counted) otherwise.</summary>
    private async Task<string?> SendAsync(HttpRequestMessage request, string what)
    {
        Interlocked.Increment(ref _sent);
        var phase = _phase;
        using var bound = new CancellationTokenSource(HangBound);
        try
        {
            using var response = await http.SendAsync(request, bound.Token);
            var body = await response.Content.ReadAsStringAsync(bound.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return body;
            if (status < 500)
            {
                if (phase == FaultPhase.Outage) Interlocked.Increment(ref _refusedDuringOutage);
                else Finding($"{phase}: {what} → {status} {Excerpt(body)}");
                return null;
            }
            Interlocked.Increment(ref _serverErrors);
            if (Recovered) Interlocked.Increment(ref _serverErrorsAfter);
            var clear = response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null &&
                        response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            if (!clear)
            {
                Interlocked.Increment(ref _unclearServerErrors);
                Finding($"{phase}: {what} → {status} (Retry-After: {response.Headers.RetryAfter?.ToString() ?? "none"}) {Excerpt(body)}");
            }
            else if (phase == FaultPhase.Outage) Interlocked.Increment(ref _refusedDuringOutage);
            return null;
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _hangs);
            Finding($"{phase}: {what} → no answer within {HangBound.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            Interlocked.Increment(ref _transportErrors);
            Finding($"{phase}: {what} → {ex.Message}");
        }
        return null;
    }

    private void Finding(string text)
    {
        lock (_findings)
            if (_findings.Count < 20) _findings.Add(text);
    }

    private static string Excerpt(string body) => body.Length <= 200 ? body : body[..200] + "…";
}
