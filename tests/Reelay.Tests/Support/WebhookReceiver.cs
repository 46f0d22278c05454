using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Reelay.Tests.Support;

/// <summary>
/// A real HTTP webhook receiver on loopback. Records every request, then answers with the scripted responder
/// (given the 1-based call number), or 200 when none is set.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly WebApplication _app;
    private Func<int, HttpContext, Task> _respond = (_, _) => Task.CompletedTask;
    private int _calls;

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url => new Uri(_app.BaseAddress(), "/hook").ToString();

    public IReadOnlyList<ReceivedWebhook> Received => _received.ToArray();

    public static async Task<WebhookReceiver> StartAsync(Func<int, HttpContext, Task>? respond = null)
    {
        WebhookReceiver? receiver = null;
        var app = await LoopbackServer.StartAsync(app => app.MapPost("/hook", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            receiver!._received.Enqueue(new ReceivedWebhook(context.Request.Method, headers, body, context.Request.ContentType));
            await receiver._respond(Interlocked.Increment(ref receiver._calls), context);
        }));
        receiver = new WebhookReceiver(app);
        if (respond is not null) receiver._respond = respond;
        return receiver;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
