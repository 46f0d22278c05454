using Reelay.Security;

namespace Reelay.Webhooks;

/// <summary>Webhook dispatcher settings (configuration section <c>Reelay:Webhooks</c>).</summary>
public sealed record WebhookOptions
{
    public const string Section = "Reelay:Webhooks";

    /// <summary>Deliveries in flight at once on this node.</summary>
    public int MaxConcurrency { get; set; } = 64;

    /// <summary>A delivery is a success only when a 2xx arrives within this time (Standard Webhooks: 15 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Longest sleep between outbox polls when nothing is due and no wake-up arrives; bounds how long a message
    /// whose lease expired on a dead node (or that another node enqueued) waits.
    /// </summary>
    public TimeSpan IdleInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed message stays reserved for this node; must exceed <see cref="Timeout"/>.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an owner key's signing generation is cached before the key store is asked again.</summary>
    public TimeSpan KeyCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After a key's webhook secret is rotated, how long the previous secret keeps signing alongside the new one
    /// (both signatures in <c>webhook-signature</c>). Default 24 h; zero signs with the new secret only.
    /// </summary>
    public TimeSpan SecretRotationGrace { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Allow webhook URLs on 127.0.0.0/8 and ::1 (tests, single-host setups). Off by default (SSRF guard).</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Allow webhook URLs in private, link-local and CGNAT ranges. Off by default (SSRF guard).</summary>
    public bool AllowPrivateNetworks { get; set; }

    public OutboundPolicy ToOutboundPolicy() => new()
    {
        AllowLoopback = AllowLoopback,
        AllowPrivateNetworks = AllowPrivateNetworks,
    };

    /// <summary>Settings the dispatcher cannot honour, each naming its configuration key; empty when all are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Check(bool ok, string setting, string rule)
        {
            if (!ok) problems.Add($"{Section}:{setting} {rule}.");
        }
        Check(MaxConcurrency >= 1, nameof(MaxConcurrency), "must be at least 1");
        Check(Timeout > TimeSpan.Zero, nameof(Timeout), "must be positive");
        Check(IdleInterval > TimeSpan.Zero, nameof(IdleInterval), "must be positive");
        Check(KeyCacheDuration >= TimeSpan.Zero, nameof(KeyCacheDuration), "must not be negative");
        Check(SecretRotationGrace >= TimeSpan.Zero, nameof(SecretRotationGrace), "must not be negative");
        Check(LeaseDuration > Timeout, nameof(LeaseDuration),
            $"must exceed {Section}:{nameof(Timeout)}, or a slow delivery loses its lease and is sent twice");
        return problems;
    }

    /// <summary>Fails fast on settings the dispatcher cannot honour (the host checks them at start, by <see cref="WebhookOptionsValidator"/>).</summary>
    public void Validate()
    {
        if (Problems() is [var first, ..]) throw new InvalidOperationException(first);
    }
}
