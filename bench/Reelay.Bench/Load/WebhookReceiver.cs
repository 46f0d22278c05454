using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Reelay.Webhooks;

namespace Reelay.Bench.Load;

/// <summary>
/// A webhook receiver on Kestrel (127.0.0.1, port 0) that checks each delivery's Standard Webhooks signature against
/// the key's <c>whsec_</c> secret and records when the first delivery for each job arrived (Unix ms, this machine's
/// clock, the same clock Reelay stamps <c>completed_at</c> with). Answers 204 to a valid delivery, 401 to a bad
/// signature. Shared by bench B4 and the reliability load campaign (linked there as a file).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly byte[] _secret;
    private readonly ConcurrentDictionary<string, long> _firstReceivedMs = new(StringComparer.Ordinal);
    private long _deliveries;
    private long _duplicates;
    private long _badSignatures;

    private WebhookReceiver(WebApplication app, string secret)
    {
        _app = app;
        _secret = WebhookSigner.DecodeSecret(secret);
    }

    /// <summary>Where to point a job's webhook.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Valid deliveries received, duplicates (same job again, e.g. a retry after a lost answer) included.</summary>
    public long Deliveries => Interlocked.Read(ref _deliveries);

    /// <summary>Valid deliveries for a job already received once (at-least-once delivery shows up here).</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Deliveries whose signature did not verify (must stay 0).</summary>
    public long BadSignatures => Interlocked.Read(ref _badSignatures);

    /// <summary>Jobs with at least one valid delivery.</summary>
    public int DistinctJobs => _firstReceivedMs.Count;

    public static async Task<WebhookReceiver> StartAsync(string webhookSecret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, webhookSecret);
        app.MapPost("/hooks", (Delegate)receiver.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hooks");
        return receiver;
    }

    /// <summary>When the first valid delivery for <paramref name="jobId"/> arrived (Unix ms), or null.</summary>
    public long? FirstReceivedMs(string jobId) => _firstReceivedMs.TryGetValue(jobId, out var ms) ? ms : null;

    /// <summary>Every job received so far with its first receive time (Unix ms).</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_firstReceivedMs, StringComparer.Ordinal);

    private async Task<IResult> ReceiveAsync(HttpContext http)
    {
        var receivedMs = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var id = http.Request.Headers[WebhookSigner.IdHeader].ToString();
        var timestamp = http.Request.Headers[WebhookSigner.TimestampHeader].ToString();
        var signature = http.Request.Headers[WebhookSigner.SignatureHeader].ToString();
        if (!Verifies(id, timestamp, body, signature) || JobIdOf(body) is not { } jobId)
        {
            Interlocked.Increment(ref _badSignatures);
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }
        Interlocked.Increment(ref _deliveries);
        if (!_firstReceivedMs.TryAdd(jobId, receivedMs)) Interlocked.Increment(ref _duplicates);
        return Results.NoContent();
    }

    /// <summary>True when one of the space-separated <c>v1,&lt;base64&gt;</c> signatures is the HMAC of <c>id.timestamp.body</c>.</summary>
    private bool Verifies(string id, string timestamp, string body, string header)
    {
        if (id.Length == 0 || !long.TryParse(timestamp, out _)) return false;
        var expected = HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        Span<byte> given = stackalloc byte[64];
        foreach (var part in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!part.StartsWith(WebhookSigner.SignatureVersion + ",", StringComparison.Ordinal)) continue;
            if (Convert.TryFromBase64String(part[(WebhookSigner.SignatureVersion.Length + 1)..], given, out var n)
                && CryptographicOperations.FixedTimeEquals(given[..n], expected)) return true;
        }
        return false;
    }

    /// <summary>The job id of a native webhook body (<c>data.id</c>).</summary>
    private static string? JobIdOf(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("data", out var data) && data.TryGetProperty("id", out var id) ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
