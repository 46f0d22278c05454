using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Dialects.ApiFrame;

/// <summary>Start and end frames for APIFrame's image_url / end_image_url, plus a path that answers 404.</summary>
public sealed class ImageHost : IAsyncDisposable
{
    private readonly ImageServer _server;

    private ImageHost(ImageServer server) => _server = server;

    public string StartUrl => _server.UrlOf("/start.png").ToString();
    public string EndUrl => _server.UrlOf("/end.png").ToString();
    public string MissingUrl => _server.UrlOf("/missing.png").ToString();

    public static async Task<ImageHost> StartAsync() => new(await ImageServer.StartAsync(new Dictionary<string, byte[]>
    {
        ["/start.png"] = await TestMedia.ImageAsync(640, 360),
        ["/end.png"] = await TestMedia.ImageAsync(640, 360, frame: 30),
    }));

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
