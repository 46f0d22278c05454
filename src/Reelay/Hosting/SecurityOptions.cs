namespace Reelay.Hosting;

/// <summary>Section <c>Reelay:Security</c>.</summary>
public sealed class SecurityOptions
{
    /// <summary>
    /// Base64 master key (≥ 32 bytes) from which key secrets, webhook secrets and URL signatures derive.
    /// When unset, <c>{DataDir}/master.key</c> is used, created on first start (mode 0600). Every node of a cluster must share it.
    /// </summary>
    public string? MasterKey { get; set; }

    /// <summary>Lifetime of signed result URLs handed to clients.</summary>
    public TimeSpan SignedUrlTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Allow outbound requests (image URLs, webhooks) to 127.0.0.0/8 and ::1. Off by default (SSRF guard).</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Allow outbound requests to private, link-local and CGNAT ranges. Off by default.</summary>
    public bool AllowPrivateNetworks { get; set; }
}
