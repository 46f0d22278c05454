using System.Net;
using System.Net.Sockets;

namespace Reelay.Security;

/// <summary>
/// Refuses connections to non-public addresses. The check runs in the socket connect callback, on the
/// address actually dialed after DNS resolution, so DNS rebinding and redirects into private ranges are
/// caught as well as literal IPs.
/// </summary>
public static class SsrfGuard
{
    /// <summary>True when <paramref name="address"/> may be dialed under <paramref name="policy"/>.</summary>
    public static bool IsAllowed(IPAddress address, OutboundPolicy policy)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return policy.AllowLoopback;
        if (IsPrivate(address)) return policy.AllowPrivateNetworks;
        return !IsNeverRoutable(address);
    }

    /// <summary>An HTTP handler whose every connection passes <see cref="IsAllowed"/>.</summary>
    public static SocketsHttpHandler CreateHandler(OutboundPolicy policy, TimeSpan connectTimeout) => new()
    {
        ConnectTimeout = connectTimeout,
        // Direct connections only: through a proxy (HTTP_PROXY, a configured WebProxy) the callback below would see
        // the proxy's address instead of the destination's, and every destination would pass.
        UseProxy = false,
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 5,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, ct) =>
        {
            // Every connection of the handler comes here, the first URL's and each redirect target's alike.
            var addresses = await policy.Network.ResolveAsync(context.DnsEndPoint.Host, ct).ConfigureAwait(false);
            var allowed = addresses.Where(a => IsAllowed(a, policy)).ToArray();
            if (allowed.Length == 0)
                throw new BlockedDestinationException(context.DnsEndPoint.Host);
            return await policy.Network.ConnectAsync(allowed, context.DnsEndPoint.Port, ct).ConfigureAwait(false);
        },
    };

    private static bool IsPrivate(IPAddress a)
    {
        if (a.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = a.GetAddressBytes();
            return b[0] == 10
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254)            // link-local, cloud metadata
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127); // CGNAT
        }
        return a.IsIPv6LinkLocal || a.IsIPv6SiteLocal || a.IsIPv6UniqueLocal;
    }

    private static bool IsNeverRoutable(IPAddress a)
    {
        if (a.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = a.GetAddressBytes();
            return b[0] == 0 || b[0] >= 224 || (b[0] == 192 && b[1] == 0 && b[2] == 0) || (b[0] == 198 && (b[1] == 18 || b[1] == 19));
        }
        return a.Equals(IPAddress.IPv6None) || a.Equals(IPAddress.IPv6Any) || a.IsIPv6Multicast;
    }
}
