using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Reelay.Api.Dialects;
using Reelay.Tests.Support;

namespace Reelay.Tests.Api.Dialects;

/// <summary>Dialects are mounted at the root and under /compat/&lt;name&gt; unless they choose their own mounts.</summary>
public sealed class DialectRoutingTests
{
    private sealed class DefaultMounts : IDialect
    {
        public string Name => "plain";

        public void MapRoutes(IEndpointRouteBuilder routes) => routes.MapGet("/ping", () => "plain");
    }

    /// <summary>Like the OpenAI-style dialect to come: its /v1/videos would collide with the native API at the root.</summary>
    private sealed class OwnMounts : IDialect
    {
        public string Name => "openai";

        public IReadOnlyList<string> Mounts => ["/compat/openai/v1"];

        public void MapRoutes(IEndpointRouteBuilder routes) => routes.MapGet("/videos", () => "openai");
    }

    [Fact]
    public async Task MapDialects_DefaultAndChosenMounts_RoutesOnlyWhereMounted()
    {
        await using var app = await LoopbackServer.StartAsync(a => a.MapDialects([new DefaultMounts(), new OwnMounts()]));
        using var http = new HttpClient { BaseAddress = app.BaseAddress() };

        Assert.Equal("plain", await http.GetStringAsync("/ping"));
        Assert.Equal("plain", await http.GetStringAsync("/compat/plain/ping"));
        Assert.Equal("openai", await http.GetStringAsync("/compat/openai/v1/videos"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/videos")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/compat/openai/videos")).StatusCode);
    }
}
