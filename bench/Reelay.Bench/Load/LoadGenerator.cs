using System.Diagnostics;
using System.Net;

namespace Reelay.Bench.Load;

/// <summary>
/// HTTP/1.1 load on loopback with keep-alive connections. Closed loop: N clients each send the next request
/// when the previous answer arrives (measures capacity). Open loop: requests are sent on a fixed schedule
/// whatever the server does, and latency runs from the scheduled send time, so a stalled server shows up in
/// the tail instead of silently lowering the offered rate (no coordinated omission).
/// A response counts as successful when its status is <c>expectedStatus</c>; its body is read fully.
/// </summary>
public sealed class LoadGenerator : IDisposable
{
    private readonly HttpClient _http;
    private readonly HttpStatusCode _expected;

    public LoadGenerator(Uri baseAddress, HttpStatusCode expectedStatus, int maxConnections)
    {
        _expected = expectedStatus;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task<LoadResult> ClosedLoopAsync(Func<HttpRequestMessage> request, int clients, TimeSpan duration, CancellationToken ct)
    {
        var histogram = new LatencyHistogram();
        var counters = new Counters();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration && !ct.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                await SendOneAsync(request(), start, histogram, counters, ct);
            }
        }, ct)).ToArray();
        await Task.WhenAll(workers);
        return counters.ToResult(clock.Elapsed, histogram);
    }

    public async Task<LoadResult> OpenLoopAsync(Func<HttpRequestMessage> request, double perSecond, TimeSpan duration, CancellationToken ct)
    {
        var histogram = new LatencyHistogram();
        var counters = new Counters();
        var inFlight = new List<Task>();
        var t0 = Stopwatch.GetTimestamp();
        var interval = Stopwatch.Frequency / perSecond;
        var total = (long)(perSecond * duration.TotalSeconds);
        long sent = 0;
        // One pacing thread: sleeps ~1 ms, then starts every request whose scheduled time has come.
        while (sent < total && !ct.IsCancellationRequested)
        {
            var due = Math.Min(total, (long)((Stopwatch.GetTimestamp() - t0) / interval) + 1);
            for (; sent < due; sent++)
            {
                var scheduled = t0 + (long)(sent * interval);
                inFlight.Add(SendOneAsync(request(), scheduled, histogram, counters, ct));
            }
            if (inFlight.Count > 4096) inFlight.RemoveAll(t => t.IsCompleted);
            Thread.Sleep(1);
        }
        await Task.WhenAll(inFlight);
        return counters.ToResult(Stopwatch.GetElapsedTime(t0), histogram);
    }

    private async Task SendOneAsync(HttpRequestMessage request, long startTimestamp, LatencyHistogram histogram, Counters counters, CancellationToken ct)
    {
        try
        {
            using (request)
            using (var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct))
            {
                histogram.RecordTicks(Stopwatch.GetTimestamp() - startTimestamp);
                if (response.StatusCode == _expected) counters.Ok();
                else counters.Fail($"HTTP {(int)response.StatusCode}: {Truncate(await response.Content.ReadAsStringAsync(ct))}");
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            counters.Fail(ex.GetType().Name + ": " + ex.Message);
        }
    }

    private static string Truncate(string s) => s.Length <= 200 ? s : s[..200];

    public void Dispose() => _http.Dispose();

    private sealed class Counters
    {
        private long _ok;
        private long _failed;
        private string? _firstError;

        public void Ok() => Interlocked.Increment(ref _ok);

        public void Fail(string error)
        {
            Interlocked.Increment(ref _failed);
            Interlocked.CompareExchange(ref _firstError, error, null);
        }

        public LoadResult ToResult(TimeSpan elapsed, LatencyHistogram histogram) =>
            new(Interlocked.Read(ref _ok), Interlocked.Read(ref _failed), elapsed, histogram, _firstError);
    }
}
