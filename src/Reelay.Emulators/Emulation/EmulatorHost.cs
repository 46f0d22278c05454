using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Reelay.Emulation;

/// <summary>
/// The small Kestrel server every provider emulator runs on: quiet unless asked to log, quick to shut down, listening
/// on <c>url</c> (port 0 picks a free one). Returns the started app and the address it really bound.
/// </summary>
public static class EmulatorHost
{
    public static async Task<(WebApplication App, Uri BaseAddress)> StartAsync(string url, bool consoleLogging, Action<WebApplication> map, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        if (consoleLogging) builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.Urls.Clear();
        app.Urls.Add(url);
        map(app);
        await app.StartAsync(ct).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? url;
        return (app, new Uri(bound.TrimEnd('/') + "/"));
    }

    /// <summary>
    /// The origin (<c>http://host:port</c>) to put in links the emulator sends out (result URLs in callbacks). A wildcard
    /// binding is no address to link to, so it becomes loopback; an emulator's PublicBaseUrl option overrides this.
    /// </summary>
    public static string LinkBase(Uri baseAddress) => baseAddress.Host is "0.0.0.0" or "[::]" or "+" or "*"
        ? new UriBuilder(baseAddress) { Host = "127.0.0.1" }.Uri.GetLeftPart(UriPartial.Authority)
        : baseAddress.GetLeftPart(UriPartial.Authority);
}
