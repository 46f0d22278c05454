using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Reelay.Hosting;

/// <summary>
/// The base URL result links are built on outside a request (webhook payloads): the configured
/// <see cref="ReelayOptions.PublicBaseUrl"/>, else the first address the server listens on.
/// Inside a request the API prefers the request's own scheme and host.
/// </summary>
public sealed class PublicBaseUrl(IOptions<ReelayOptions> options, IServiceProvider services)
{
    private string? _cached = options.Value.PublicBaseUrl?.TrimEnd('/');

    public string Get()
    {
        if (_cached is not null) return _cached;
        var addresses = (services.GetService(typeof(IServer)) as IServer)?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault();
        if (first is null) return "http://localhost";
        first = first.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost");
        return _cached = first.TrimEnd('/');
    }
}
