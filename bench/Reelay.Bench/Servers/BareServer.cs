using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Reelay.Bench.Servers;

/// <summary>
/// The baseline: Kestrel with minimal-API routes that answer a constant 200 JSON body, built the same way as
/// Reelay's server (slim builder, same process, same GC settings) but with no auth, store or serialization.
/// </summary>
public sealed class BareServer : IAsyncDisposable
{
    private static readonly byte[] Body =
        """{"id":"0199a0b0-0000-7000-8000-000000000000","object":"video","status":"queued","progress":0}"""u8.ToArray();

    private readonly WebApplication _app;

    private BareServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<BareServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v1/videos", () => Results.Bytes(Body, "application/json"));
        app.MapGet("/v1/videos/{id}", (string id) => Results.Bytes(Body, "application/json"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BareServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
