namespace Reelay.Security;

/// <summary>
/// Which destinations outbound requests (image downloads, webhooks, upstream results) may reach.
/// Defaults refuse loopback, private, link-local and other non-public addresses (SSRF guard).
/// </summary>
public sealed record OutboundPolicy
{
    /// <summary>Allow 127.0.0.0/8 and ::1 (tests and single-host setups).</summary>
    public bool AllowLoopback { get; init; }
    /// <summary>Allow RFC 1918, unique-local, CGNAT and link-local ranges.</summary>
    public bool AllowPrivateNetworks { get; init; }
    /// <summary>Name resolution and dialing around the guard's check; the system's outside tests.</summary>
    internal OutboundNetwork Network { get; init; } = OutboundNetwork.System;
}
