using System.Collections.Concurrent;
using System.Net;
using Reelay.Security;

namespace Reelay.Tests.Support;

/// <summary>
/// A network seam for SSRF tests: host names resolve to the addresses given (e.g. <c>cdn.example</c> to the public
/// 203.0.113.10), and dialing a "public" address reaches a real listener on loopback. The guard's check runs between
/// the two unchanged, so a loopback-forbidding policy can be tested against a redirector it is allowed to reach.
/// Every address the guard lets through is recorded in <see cref="Dialed"/>.
/// </summary>
internal sealed class PublicLookingNetwork : OutboundNetwork
{
    private readonly Dictionary<string, IPAddress[]> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<IPAddress, IPEndPoint> _routes = [];

    public ConcurrentQueue<IPAddress> Dialed { get; } = new();

    /// <summary><paramref name="host"/> resolves to <paramref name="publicAddress"/>, which reaches <paramref name="realServer"/> on loopback.</summary>
    public PublicLookingNetwork Route(string host, string publicAddress, Uri realServer)
    {
        var address = IPAddress.Parse(publicAddress);
        _names[host] = [address];
        _routes[address] = new IPEndPoint(IPAddress.Loopback, realServer.Port);
        return this;
    }

    /// <summary><paramref name="host"/> resolves to <paramref name="address"/> (e.g. a private one) and has no route.</summary>
    public PublicLookingNetwork Name(string host, string address)
    {
        _names[host] = [IPAddress.Parse(address)];
        return this;
    }

    public override ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        ValueTask.FromResult(IPAddress.TryParse(host, out var literal) ? [literal]
            : _names.TryGetValue(host, out var addresses) ? addresses
            : throw new HttpRequestException($"test network: no name {host}"));

    public override ValueTask<Stream> ConnectAsync(IPAddress[] addresses, int port, CancellationToken ct)
    {
        foreach (var address in addresses) Dialed.Enqueue(address);
        var routed = addresses.Select(a => _routes.GetValueOrDefault(a)).FirstOrDefault(r => r is not null)
            ?? throw new HttpRequestException($"test network: no route to {string.Join(", ", addresses.Select(a => a.ToString()))}");
        return System.ConnectAsync([routed.Address], routed.Port, ct);
    }
}
