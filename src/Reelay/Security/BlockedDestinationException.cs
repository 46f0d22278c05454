namespace Reelay.Security;

/// <summary>Thrown when the SSRF guard refuses every address of a host.</summary>
public sealed class BlockedDestinationException(string host)
    : HttpRequestException($"destination '{host}' resolves only to addresses that are not allowed (private, loopback or link-local)")
{
    public string Host { get; } = host;
}
