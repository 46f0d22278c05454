using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Reelay.Webhooks;

namespace Reelay.Reliability.Crash;

/// <summary>
/// The client's webhook endpoint: Kestrel on 127.0.0.1:0, answering 204 to every POST, recording each delivery by the
/// job id in its body, and verifying its Standard Webhooks signature against the key's secret. A forged or
/// mis-signed delivery is recorded as such and never counts as delivered.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentBag<string>> _byJob = new(StringComparer.Ordinal);
    private int _received;
    private int _badSignatures;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>The <c>whsec_</c> secret of the key whose jobs post here; set before the first job is created.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Deliveries received so far (any signature), a counter the kill schedule watches.</summary>
    public int Received => Volatile.Read(ref _received);

    public int BadSignatures => Volatile.Read(ref _badSignatures);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync(http.RequestAborted);
            receiver.Record(http.Request.Headers, body);
            return Results.NoContent();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    /// <summary>The event types (<c>video.completed</c>, ...) delivered with a valid signature for <paramref name="jobId"/>.</summary>
    public IReadOnlyCollection<string> TypesFor(string jobId) => _byJob.TryGetValue(jobId, out var types) ? [.. types] : [];

    private void Record(IHeaderDictionary headers, string body)
    {
        Interlocked.Increment(ref _received);
        string? type = null, jobId = null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            type = doc.RootElement.GetProperty("type").GetString();
            jobId = doc.RootElement.GetProperty("data").GetProperty("id").GetString();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
        }
        if (type is null || jobId is null || !SignatureValid(headers, body))
        {
            Interlocked.Increment(ref _badSignatures);
            return;
        }
        _byJob.GetOrAdd(jobId, _ => []).Add(type);
    }

    private bool SignatureValid(IHeaderDictionary headers, string body)
    {
        var id = headers[WebhookSigner.IdHeader].ToString();
        if (id.Length == 0 || !long.TryParse(headers[WebhookSigner.TimestampHeader].ToString(), out var timestamp) || Secret.Length == 0) return false;
        var expected = WebhookSigner.Sign(id, timestamp, body, Secret);
        return headers[WebhookSigner.SignatureHeader].ToString().Split(' ').Any(s => s == expected);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
