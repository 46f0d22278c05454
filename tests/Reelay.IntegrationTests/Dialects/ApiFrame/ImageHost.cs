using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Dialects.ApiFrame;

/// <summary>Serves two PNG frames (made with ffmpeg at start) on 127.0.0.1:0, as an APIFrame client's image host would.</summary>
public sealed class ImageHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ImageHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }
    public string StartUrl => new Uri(BaseUrl, "/start.png").ToString();
    public string EndUrl => new Uri(BaseUrl, "/end.png").ToString();
    public string MissingUrl => new Uri(BaseUrl, "/missing.png").ToString();

    public static async Task<ImageHost> StartAsync()
    {
        var start = await TestMedia.ImageAsync(640, 360);
        var end = await TestMedia.ImageAsync(640, 360, frame: 30);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/start.png", () => Results.Bytes(start, "image/png"));
        app.MapGet("/end.png", () => Results.Bytes(end, "image/png"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ImageHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
