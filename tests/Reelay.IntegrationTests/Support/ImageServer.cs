using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Reelay.IntegrationTests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1:0 serving test images (made with ffmpeg at test time) for image-URL inputs.
/// <see cref="Url"/> is the first file's address; <see cref="UrlOf"/> any served path.
/// </summary>
public sealed class ImageServer : IAsyncDisposable
{
    public const string DefaultPath = "/path/of/image.png";
    private readonly WebApplication _app;

    private ImageServer(WebApplication app, Uri baseUrl, string firstPath)
    {
        _app = app;
        BaseUrl = baseUrl;
        Url = new Uri(baseUrl, firstPath);
    }

    public Uri BaseUrl { get; }
    public Uri Url { get; }

    public Uri UrlOf(string path) => new(BaseUrl, path);

    /// <summary>One generated PNG of the given size at <see cref="DefaultPath"/>.</summary>
    public static async Task<ImageServer> StartAsync(int width = 640, int height = 360) =>
        await StartAsync(new Dictionary<string, byte[]> { [DefaultPath] = await TestMedia.ImageAsync(width, height) });

    /// <summary>The given PNG at <see cref="DefaultPath"/>.</summary>
    public static Task<ImageServer> StartAsync(byte[] png) => StartAsync(new Dictionary<string, byte[]> { [DefaultPath] = png });

    /// <summary>Each PNG at its path (paths start with '/').</summary>
    public static async Task<ImageServer> StartAsync(IReadOnlyDictionary<string, byte[]> files)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        foreach (var (path, bytes) in files) app.MapGet(path, () => Results.Bytes(bytes, "image/png"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ImageServer(app, new Uri(address), files.Keys.First());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
