using Reelay.Security;

namespace Reelay.Providers.Kling.Upstream;

/// <summary>
/// The bearer token for one upstream: minted once, reused by every request, and replaced
/// <see cref="KlingUpstreamOptions.TokenRenewBefore"/> before it expires. Thread-safe; at most one mint at a time.
/// </summary>
internal sealed class KlingTokenSource(KlingUpstreamOptions options, TimeProvider time)
{
    /// <summary>Kling's documented <c>nbf</c> = now − 5 s, tolerating a server clock slightly behind ours.</summary>
    private static readonly TimeSpan NotBeforeSkew = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private string? _token;
    private DateTimeOffset _renewAt;

    public string Current()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_token is null || now >= _renewAt)
            {
                _token = Hs256Jwt.Create(options.AccessKey, options.SecretKey, now, options.TokenLifetime, NotBeforeSkew);
                _renewAt = now + options.TokenLifetime - options.TokenRenewBefore;
            }
            return _token;
        }
    }

    /// <summary>Drops the cached token (after the upstream refused it) so the next request mints a fresh one.</summary>
    public void Invalidate(string rejected)
    {
        lock (_lock)
        {
            if (ReferenceEquals(_token, rejected) || _token == rejected) _token = null;
        }
    }
}
