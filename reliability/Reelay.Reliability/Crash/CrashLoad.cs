using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Reelay.Reliability.Crash;

/// <summary>
/// Client traffic that never stops while the server is killed and restarted: creates (native API, Kling model, a
/// webhook to the receiver) and cancels of earlier jobs, from a few concurrent clients. Records what the server
/// acknowledged — a 201 for a create, a 200 for a cancel — because those are promises that must survive any crash.
/// Requests that die with the server are counted, not retried (their outcome is unknown to the client).
/// </summary>
public sealed class CrashLoad
{
    private const int Clients = 2;
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };
    private readonly ConcurrentDictionary<string, bool> _acknowledged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _canceled = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _recent = new();
    private readonly string _token;
    private readonly Uri _webhook;
    private readonly int _seed;
    private Uri? _server;
    private int _createsSent;
    private int _createsAnswered;
    private int _cancelsSent;
    private int _lost;

    public CrashLoad(string token, Uri webhook, int seed)
    {
        _token = token;
        _webhook = webhook;
        _seed = seed;
    }

    /// <summary>The server the clients talk to; null while it is down (the clients wait).</summary>
    public Uri? Server { get => Volatile.Read(ref _server); set => Volatile.Write(ref _server, value); }

    /// <summary>Job ids the server answered 201 for.</summary>
    public IReadOnlyCollection<string> Acknowledged => [.. _acknowledged.Keys];

    /// <summary>Job ids a cancel was answered 200 (status canceled) for: they must end canceled.</summary>
    public IReadOnlyCollection<string> CancelAcknowledged => [.. _canceled.Keys];

    /// <summary>Create POSTs sent (the kill schedule watches this counter).</summary>
    public int CreatesSent => Volatile.Read(ref _createsSent);

    /// <summary>Create POSTs answered 201.</summary>
    public int CreatesAnswered => Volatile.Read(ref _createsAnswered);

    /// <summary>Cancel POSTs sent.</summary>
    public int CancelsSent => Volatile.Read(ref _cancelsSent);

    /// <summary>Requests that got no answer (the server died under them).</summary>
    public int Lost => Volatile.Read(ref _lost);

    /// <summary>Runs the clients until <paramref name="ct"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, Clients).Select(i => Task.Run(() => ClientAsync(new Random(HashCode.Combine(_seed, i)), ct), CancellationToken.None)));

    private async Task ClientAsync(Random random, CancellationToken ct)
    {
        var n = 0;
        while (!ct.IsCancellationRequested)
        {
            if (Server is not { } server)
            {
                await Pause(10, ct);
                continue;
            }
            try
            {
                if (random.Next(100) < 20 && _recent.TryDequeue(out var victim)) await CancelAsync(server, victim, ct);
                else await CreateAsync(server, $"crash load {Environment.CurrentManagedThreadId}.{n++}", ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or JsonException)
            {
                // A request cut off by a kill (or by the load stopping while a server is down) is expected, never fatal.
                if (ct.IsCancellationRequested) return;
                Interlocked.Increment(ref _lost);
                await Pause(20, ct);
            }
            // A steady trickle rather than a flood: the point is many jobs in every phase, not throughput.
            await Pause(random.Next(500, 1200), ct);
        }
    }

    private async Task CreateAsync(Uri server, string prompt, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new { model = "kling-v1", prompt, duration = 5, webhook = new { url = _webhook.ToString() } });
        using var request = Request(HttpMethod.Post, new Uri(server, "/v1/videos"), body);
        Interlocked.Increment(ref _createsSent);
        using var response = await _http.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.Created) return;
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var id = doc.RootElement.GetProperty("id").GetString()!;
        _acknowledged[id] = true;
        Interlocked.Increment(ref _createsAnswered);
        // Cancel targets: recent jobs, so cancels land on every stage from queued to ingesting.
        _recent.Enqueue(id);
        while (_recent.Count > 8) _recent.TryDequeue(out _);
    }

    private async Task CancelAsync(Uri server, string id, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, new Uri(server, $"/v1/videos/{id}/cancel"), null);
        Interlocked.Increment(ref _cancelsSent);
        using var response = await _http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.OK) _canceled[id] = true;
    }

    private HttpRequestMessage Request(HttpMethod method, Uri uri, string? json)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return request;
    }

    private static async Task Pause(int ms, CancellationToken ct)
    {
        try
        {
            await Task.Delay(ms, ct);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
