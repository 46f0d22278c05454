using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Reelay.Reliability.Fuzz;

/// <summary>
/// What HttpClient cannot send: slow-loris headers and bodies, raw non-ASCII and control bytes in headers. Each
/// probe speaks HTTP/1.1 over a raw loopback socket and records how the server ended it.
/// </summary>
public static class RawSocketProbes
{
    /// <summary>Kestrel's RequestHeadersTimeout (15 s) and MinRequestBodyDataRate grace (10 s), plus slack for a loaded machine.</summary>
    public static readonly TimeSpan SlowDeadline = TimeSpan.FromSeconds(30);

    public sealed record Result(int SlowHeaderProbes, int SlowHeaderClosedInTime, int SlowBodyProbes, int SlowBodyClosedInTime,
        int RawHeaderProbes, int RawHeaderServerErrors, IReadOnlyList<string> Findings);

    public static async Task<Result> RunAsync(Uri server, string token, CancellationToken ct)
    {
        var findings = new List<string>();
        var slowHeaders = Enumerable.Range(0, 8).Select(_ => SlowAsync(server, "GET /v1/videos HTTP/1.1\r\nHost: x\r\n", "X-Slow: " + new string('a', 200), ct)).ToList();
        var body = $"POST /v1/videos HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n";
        var slowBodies = Enumerable.Range(0, 4).Select(_ => SlowAsync(server, body, new string(' ', 300), ct)).ToList();
        var raw = new[]
        {
            "GET /v1/videos HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \u00fc\u00ff\u0000x\r\n\r\n",
            "GET /v1/videos HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\rInjected: 1\r\n\r\n",
            "GET /v1/videos/%ZZ HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /v1/videos HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
            "POST /v1/videos HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\nzz\r\n",
            "GET /\u00e9\u00e8 HTTP/1.1\r\nHost: x\r\n\r\n",
            "GARBAGE\r\n\r\n",
            "GET /v1/videos HTTP/9.9\r\nHost: x\r\n\r\n",
        };
        var rawErrors = 0;
        foreach (var text in raw)
        {
            var status = await SendRawAsync(server, Encoding.Latin1.GetBytes(text), ct);
            // 505 is HTTP's required answer to an unsupported version (Kestrel, before any routing): correct, not a failure.
            if (status >= 500 && !(status == 505 && text.Contains("HTTP/9.9", StringComparison.Ordinal)))
            {
                rawErrors++;
                findings.Add($"raw request {text.Split('\r')[0]} answered {status}");
            }
        }
        var headerTimes = await Task.WhenAll(slowHeaders);
        var bodyTimes = await Task.WhenAll(slowBodies);
        foreach (var t in headerTimes.Concat(bodyTimes).Where(t => t is null || t > SlowDeadline))
            findings.Add($"slow connection not closed by the server within {SlowDeadline.TotalSeconds:0} s ({t?.TotalSeconds:0.0} s)");
        return new Result(headerTimes.Length, headerTimes.Count(t => t <= SlowDeadline), bodyTimes.Length, bodyTimes.Count(t => t <= SlowDeadline),
            raw.Length, rawErrors, findings);
    }

    /// <summary>Sends <paramref name="head"/>, then <paramref name="trickle"/> one byte a second; returns when the server ended the connection.</summary>
    private static async Task<TimeSpan?> SlowAsync(Uri server, string head, string trickle, CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, ct);
        var stream = client.GetStream();
        var clock = Stopwatch.StartNew();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
        var reader = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            try
            {
                while (await stream.ReadAsync(buffer, ct) > 0) { }
            }
            catch (IOException) { }
            catch (ObjectDisposedException) { }
        }, ct);
        foreach (var c in trickle)
        {
            if (reader.IsCompleted || clock.Elapsed > SlowDeadline + TimeSpan.FromSeconds(10)) break;
            try
            {
                await stream.WriteAsync(new[] { (byte)c }, ct);
            }
            catch (IOException)
            {
                break;
            }
            await Task.WhenAny(reader, Task.Delay(1000, ct));
        }
        var closed = await Task.WhenAny(reader, Task.Delay(SlowDeadline + TimeSpan.FromSeconds(10) - clock.Elapsed is { } left && left > TimeSpan.Zero ? left : TimeSpan.Zero, ct)) == reader;
        return closed ? clock.Elapsed : null;
    }

    /// <summary>The status code of the answer to raw <paramref name="bytes"/>, or 0 when the server closed without one.</summary>
    private static async Task<int> SendRawAsync(Uri server, byte[] bytes, CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, ct);
        var stream = client.GetStream();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            await stream.WriteAsync(bytes, timeout.Token);
            var buffer = new byte[1024];
            var n = await stream.ReadAsync(buffer, timeout.Token);
            var line = Encoding.Latin1.GetString(buffer, 0, n);
            var parts = line.Split(' ', 3);
            return parts.Length >= 2 && int.TryParse(parts[1], out var status) ? status : 0;
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            return 0;
        }
    }
}
