using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Reelay.Engines;
using Reelay.Media;
using Reelay.Security;
using Reelay.Storage.Blobs;
using Reelay.Tests.Support;

namespace Reelay.Tests.Security;

/// <summary>
/// The SSRF guard checks every connection, so a public-looking URL that redirects into loopback, link-local
/// (cloud metadata), private ranges, or to a name that resolves there is refused at the redirect — for the guard's
/// handler and for the fetchers built on it (input images, upstream result downloads). Loopback is forbidden here
/// (the default policy); the redirector is reached through <see cref="PublicLookingNetwork"/> under 203.0.113.10.
/// A real "internal" listener on loopback stands for the target and must never see a request.
/// </summary>
public sealed class SsrfRedirectTests : IAsyncLifetime
{
    private const string PublicAddress = "203.0.113.10";
    private readonly TempDirectory _temp = new("reelay-ssrf");
    private WebApplication _internal = null!;
    private WebApplication _redirector = null!;
    private int _internalHits;
    private PublicLookingNetwork _network = null!;
    private OutboundPolicy _policy = null!;

    public async Task InitializeAsync()
    {
        _internal = await LoopbackServer.StartAsync(app => app.MapFallback(() => { Interlocked.Increment(ref _internalHits); return "internal secret"; }));
        var internalPort = _internal.BaseAddress().Port;
        _redirector = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/to/{target}", (string target) => Results.Redirect(target switch
            {
                "loopback" => $"http://127.0.0.1:{internalPort}/latest",
                "ipv6-loopback" => $"http://[::1]:{internalPort}/latest",
                "localhost" => $"http://localhost:{internalPort}/latest",
                "metadata" => "http://169.254.169.254/latest/meta-data/",
                "private" => "http://10.0.0.5/admin",
                "private-name" => "http://intranet.example/admin",
                "mapped" => $"http://[::ffff:127.0.0.1]:{internalPort}/latest",
                _ => "http://cdn.example/ok",
            }));
            app.MapGet("/ok", () => "public bytes");
        });
        _network = new PublicLookingNetwork()
            .Route("cdn.example", PublicAddress, _redirector.BaseAddress())
            .Name("intranet.example", "10.0.0.5")
            .Name("localhost", "127.0.0.1");
        _policy = new OutboundPolicy { Network = _network };
    }

    public async Task DisposeAsync()
    {
        await _redirector.DisposeAsync();
        await _internal.DisposeAsync();
        _temp.Dispose();
    }

    private static Uri Redirecting(string target) => new($"http://cdn.example/to/{target}");

    private void AssertNothingForbiddenReached()
    {
        Assert.Equal(0, Volatile.Read(ref _internalHits));
        Assert.All(_network.Dialed, a => Assert.Equal(IPAddress.Parse(PublicAddress), a));
    }

    public static TheoryData<string> ForbiddenTargets => new() { "loopback", "ipv6-loopback", "localhost", "metadata", "private", "private-name", "mapped" };

    [Fact]
    public async Task Handler_PublicUrlWithoutRedirect_Fetched()
    {
        using var http = new HttpClient(SsrfGuard.CreateHandler(_policy, TimeSpan.FromSeconds(2)));

        Assert.Equal("public bytes", await http.GetStringAsync(Redirecting("elsewhere")));
    }

    [Theory]
    [MemberData(nameof(ForbiddenTargets))]
    public async Task Handler_PublicUrlRedirectingIntoForbiddenRange_Blocked(string target)
    {
        using var http = new HttpClient(SsrfGuard.CreateHandler(_policy, TimeSpan.FromSeconds(2)));

        var ex = await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync(Redirecting(target)));

        Assert.True(ex is BlockedDestinationException || ex.InnerException is BlockedDestinationException, ex.ToString());
        AssertNothingForbiddenReached();
    }

    [Fact]
    public async Task Handler_NameResolvingToPrivateAddress_Blocked()
    {
        using var http = new HttpClient(SsrfGuard.CreateHandler(_policy, TimeSpan.FromSeconds(2)));

        var ex = await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync("http://intranet.example/admin"));

        Assert.True(ex is BlockedDestinationException || ex.InnerException is BlockedDestinationException, ex.ToString());
        Assert.Empty(_network.Dialed);
    }

    [Fact]
    public async Task Handler_ProxyConfigured_DestinationStillChecked()
    {
        // HTTP_PROXY in the environment becomes the handler's proxy; the guard would then only see the proxy's address.
        var handler = SsrfGuard.CreateHandler(_policy, TimeSpan.FromSeconds(2));
        handler.Proxy = new WebProxy(new Uri("http://cdn.example/"));
        using var http = new HttpClient(handler);

        var ex = await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync($"http://127.0.0.1:{_internal.BaseAddress().Port}/latest"));

        Assert.True(ex is BlockedDestinationException || ex.InnerException is BlockedDestinationException, ex.ToString());
        AssertNothingForbiddenReached();
    }

    [Theory]
    [MemberData(nameof(ForbiddenTargets))]
    public async Task ImageInput_UrlRedirectingIntoForbiddenRange_Refused(string target)
    {
        var blobs = new FileSystemBlobStore(_temp.Sub("blobs"));

        var result = await new ImageInputResolver(blobs, _policy).ResolveAsync(Redirecting(target).ToString(), CancellationToken.None);

        Assert.Null(result.Reference);
        Assert.Contains("not allowed", result.Error, StringComparison.OrdinalIgnoreCase);
        AssertNothingForbiddenReached();
    }

    [Theory]
    [MemberData(nameof(ForbiddenTargets))]
    public async Task ResultDownload_UrlRedirectingIntoForbiddenRange_RefusedPermanently(string target)
    {
        var runner = new FfmpegRunner(Options.Create(new MediaOptions()));
        var ingestor = new ResultIngestor(runner, new MediaProbe(runner), new FileSystemBlobStore(_temp.Sub("blobs")), _policy, Options.Create(new MediaOptions()));

        var ex = await Assert.ThrowsAsync<IngestException>(() =>
            ingestor.IngestAsync("job-ssrf", ResultSource.Remote(Redirecting(target)), _temp.Sub($"work-{Guid.NewGuid():N}"), CancellationToken.None));

        Assert.True(ex.Permanent, ex.Message);
        Assert.Contains("forbids", ex.Message, StringComparison.Ordinal);
        AssertNothingForbiddenReached();
    }
}
