using Reelay.Upstreams;

namespace Reelay.Providers.Kling.Upstream;

/// <summary>
/// One upstream that speaks the official Kling API (Kling itself, another Reelay, the Kling emulator), e.g.
/// <c>https://api-singapore.klingai.com</c>; paths <c>/v1/videos/...</c> are appended. Credentials are the access/secret
/// key pair Kling issues; the secret only ever signs tokens and is never logged nor reported. With
/// <see cref="UpstreamOptions.PublicBaseUrl"/> set, each task is created with
/// <c>callback_url = {PublicBaseUrl}/v1/upstream-callbacks/kling/{jobId}</c>.
/// </summary>
public sealed record KlingUpstreamOptions : UpstreamOptions
{
    public KlingUpstreamOptions() => Name = "kling";

    protected override string Provider => "Kling";

    public string AccessKey { get; set; } = "";

    public string SecretKey { get; set; } = "";

    /// <summary>Lifetime of each minted JWT (Kling's documented 1800 s).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(1800);

    /// <summary>A cached token is replaced this long before it expires, so no request carries a token about to lapse.</summary>
    public TimeSpan TokenRenewBefore { get; set; } = TimeSpan.FromSeconds(300);

    public override void Validate()
    {
        base.Validate();
        if (string.IsNullOrEmpty(AccessKey) || string.IsNullOrEmpty(SecretKey)) Refuse("AccessKey and SecretKey are required");
        if (TokenLifetime <= TimeSpan.FromSeconds(10) || TokenRenewBefore < TimeSpan.Zero || TokenRenewBefore >= TokenLifetime)
            Refuse("TokenRenewBefore must be shorter than TokenLifetime");
    }
}
