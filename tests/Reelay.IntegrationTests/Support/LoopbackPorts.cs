using System.Net;
using System.Net.Sockets;

namespace Reelay.IntegrationTests.Support;

/// <summary>
/// A loopback port free right now, for a server whose public URL must be known before it starts (Reelay:PublicBaseUrl,
/// which upstreams are told to call back on).
/// </summary>
public static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
