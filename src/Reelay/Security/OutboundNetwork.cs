using System.Net;
using System.Net.Sockets;

namespace Reelay.Security;

/// <summary>
/// The two network operations around the SSRF guard's check: resolving a host name, and dialing the addresses the
/// guard allowed. <see cref="System"/> is DNS and TCP. Tests substitute both (a public-looking name that really
/// reaches a loopback listener) so redirects into forbidden ranges can be shown refused while loopback is forbidden;
/// the check itself (<see cref="SsrfGuard.IsAllowed"/>, between the two) is the same code either way, and only code
/// inside the assembly and its tests can choose a network (it is not configuration).
/// </summary>
internal class OutboundNetwork
{
    public static readonly OutboundNetwork System = new();

    public virtual async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);

    public virtual async ValueTask<Stream> ConnectAsync(IPAddress[] addresses, int port, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, ct).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
