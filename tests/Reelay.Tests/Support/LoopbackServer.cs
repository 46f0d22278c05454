using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Reelay.Tests.Support;

/// <summary>Starts a real Kestrel server on 127.0.0.1 with an OS-assigned port, for tests that need a peer.</summary>
public static class LoopbackServer
{
    public static async Task<WebApplication> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        map(app);
        await app.StartAsync();
        return app;
    }

    /// <summary>The bound address, e.g. <c>http://127.0.0.1:49152</c> (valid after start).</summary>
    public static Uri BaseAddress(this WebApplication app) => new(app.Urls.Single());
}
