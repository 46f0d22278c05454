using System.Net;
using Reelay.Security;

namespace Reelay.Tests.Security;

public sealed class SsrfGuardTests
{
    private static readonly OutboundPolicy Default = new();

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    public void IsAllowed_NonPublicAddress_RefusedByDefault(string address) =>
        Assert.False(SsrfGuard.IsAllowed(IPAddress.Parse(address), Default));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700::1111")]
    public void IsAllowed_PublicAddress_Allowed(string address) =>
        Assert.True(SsrfGuard.IsAllowed(IPAddress.Parse(address), Default));

    [Fact]
    public void IsAllowed_LoopbackWhenAllowed_OnlyLoopbackOpens()
    {
        var policy = new OutboundPolicy { AllowLoopback = true };
        Assert.True(SsrfGuard.IsAllowed(IPAddress.Loopback, policy));
        Assert.False(SsrfGuard.IsAllowed(IPAddress.Parse("10.0.0.1"), policy));
    }

    [Fact]
    public async Task CreateHandler_LiteralLoopbackUrl_ThrowsBlocked()
    {
        using var http = new HttpClient(SsrfGuard.CreateHandler(Default, TimeSpan.FromSeconds(2)));
        var ex = await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync("http://127.0.0.1:9/"));
        Assert.True(ex is BlockedDestinationException || ex.InnerException is BlockedDestinationException, ex.ToString());
    }

    [Fact]
    public async Task CreateHandler_LocalhostName_ResolvedThenBlocked()
    {
        using var http = new HttpClient(SsrfGuard.CreateHandler(Default, TimeSpan.FromSeconds(2)));
        var ex = await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync("http://localhost:9/"));
        Assert.True(ex is BlockedDestinationException || ex.InnerException is BlockedDestinationException, ex.ToString());
    }
}
