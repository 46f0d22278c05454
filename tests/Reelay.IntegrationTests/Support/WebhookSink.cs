using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Reelay.IntegrationTests.Support;

/// <summary>A real HTTP receiver on 127.0.0.1:0 that records webhooks and answers with scripted status codes.</summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _script;

    private WebhookSink(WebApplication app, ConcurrentQueue<int> script, Uri url)
    {
        _app = app;
        _script = script;
        Url = url;
    }

    public sealed record Received(IReadOnlyDictionary<string, string> Headers, string Body, int AnsweredWith);

    public Uri Url { get; }
    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <param name="statuses">Status codes for the first requests, in order; later ones get 204.</param>
    public static async Task<WebhookSink> StartAsync(params int[] statuses)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var script = new ConcurrentQueue<int>(statuses);
        WebhookSink? sink = null;
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var status = script.TryDequeue(out var s) ? s : 204;
            sink!.Requests.Enqueue(new Received(
                http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body, status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sink = new WebhookSink(app, script, new Uri(new Uri(address), "/hook"));
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
