using System.Net.Sockets;
using System.Security.Authentication;

namespace Reelay.Upstreams;

/// <summary>
/// The innermost handler of every upstream API client: records in the current <see cref="UpstreamCallScope"/> whether
/// each request got an answer, failed before any connection existed, or failed in a way that may have delivered it.
/// Only failures that happen while connecting count as "not sent": a refused connect, a name that does not resolve, an
/// unreachable host or network, a failed TLS handshake. A reset, a timeout or a half-read answer after the request went
/// out may hide a request the upstream accepted, so they count as "maybe sent".
/// </summary>
internal sealed class UpstreamSendTracker(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var scope = UpstreamCallScope.Current;
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            scope?.GotAnswer();
            return response;
        }
        catch (HttpRequestException ex) when (IsConnectFailure(ex))
        {
            scope?.ConnectFailed();
            throw;
        }
        catch
        {
            scope?.MaybeSent();
            throw;
        }
    }

    /// <summary>True when <paramref name="ex"/> proves the request never left this machine.</summary>
    internal static bool IsConnectFailure(HttpRequestException ex) => ex.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => true,
        HttpRequestError.SecureConnectionError => Find<AuthenticationException>(ex) is not null || Find<SocketException>(ex) is { } s && IsConnectError(s),
        // ConnectionError is what SocketsHttpHandler reports while establishing a connection; the socket error inside
        // must say so too, so that nothing ambiguous is ever taken for "not sent".
        HttpRequestError.ConnectionError => Find<SocketException>(ex) is { } socket && IsConnectError(socket),
        _ => false,
    };

    private static bool IsConnectError(SocketException socket) => socket.SocketErrorCode is
        SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostNotFound
        or SocketError.HostDown or SocketError.NetworkDown or SocketError.AddressNotAvailable or SocketError.TryAgain or SocketError.NoData;

    private static T? Find<T>(Exception? ex) where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T match) return match;
        }
        return null;
    }
}
