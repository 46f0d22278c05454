using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Reelay.Tests.Support;
using Reelay.Upstreams;

namespace Reelay.Tests.Upstreams;

/// <summary>
/// The upstream client tells "nothing reached the upstream" from "the request may have reached it", against real
/// sockets on loopback: a port nobody listens on, a server that reads the request and resets, a server that answers.
/// </summary>
public sealed class UpstreamSendTrackerTests
{
    [Fact]
    public async Task SendAsync_PortRefusesConnections_ScopeSaysNothingSent()
    {
        var port = ClosedPort();
        using var http = UpstreamHttpClient.Create();

        var scope = await SendInScopeAsync(http, new Uri($"http://127.0.0.1:{port}/v1/videos/text2video"));

        Assert.Equal(1, scope.ConnectFailures);
        Assert.True(scope.NothingSent);
    }

    [Fact]
    public async Task SendAsync_UnresolvableName_ScopeSaysNothingSent()
    {
        using var http = UpstreamHttpClient.Create();

        var scope = await SendInScopeAsync(http, new Uri("http://reelay-upstream-that-does-not-exist.invalid/v1/videos"));

        Assert.True(scope.NothingSent);
    }

    [Fact]
    public async Task SendAsync_ServerResetsAfterReadingTheRequest_ScopeSaysMaybeSent()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var buffer = new byte[4096];
            _ = await client.GetStream().ReadAsync(buffer); // the request arrived ...
            client.Client.LingerState = new LingerOption(true, 0);
            client.Client.Close(); // ... and the connection is reset without an answer
        });
        using var http = UpstreamHttpClient.Create();

        var scope = await SendInScopeAsync(http, new Uri($"http://127.0.0.1:{port}/v1/videos/text2video"));
        await server;

        Assert.Equal(0, scope.ConnectFailures);
        Assert.False(scope.NothingSent);
    }

    [Fact]
    public async Task SendAsync_ServerAnswers503_ScopeCountsTheAnswer()
    {
        await using var app = await LoopbackServer.StartAsync(a => a.MapPost("/v1/videos/text2video", () => Results.StatusCode(503)));
        using var http = UpstreamHttpClient.Create();

        var scope = await SendInScopeAsync(http, new Uri(app.BaseAddress(), "/v1/videos/text2video"));

        Assert.Equal(1, scope.Answered);
        Assert.False(scope.NothingSent);
    }

    private static async Task<UpstreamCallScope> SendInScopeAsync(HttpClient http, Uri uri)
    {
        var scope = UpstreamCallScope.Begin();
        try
        {
            using var response = await http.PostAsync(uri, new StringContent("{}"));
        }
        catch (HttpRequestException)
        {
        }
        return scope;
    }

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
