namespace Reelay.Upstreams;

/// <summary>
/// The HTTP client an upstream adapter calls its provider's API with. The base URL is the operator's configuration,
/// so it is not SSRF-guarded (emulators on loopback are legitimate); what keeps an upstream from steering Reelay
/// elsewhere is that redirects are never followed (a provider's API answers, it does not redirect; a 3xx becomes an
/// answer the adapter classifies). A proxy from the environment is honoured (an operator may need one to reach the
/// provider). Result downloads go through the SSRF-guarded client instead. The engine applies its own per-call timeouts.
/// Every request is seen by <see cref="UpstreamSendTracker"/>, which tells failover whether anything reached the upstream.
/// </summary>
public static class UpstreamHttpClient
{
    public static HttpClient Create() => new(new UpstreamSendTracker(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AllowAutoRedirect = false,
    }))
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
