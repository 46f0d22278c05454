using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Reelay.Tests.Support;
using Reelay.Upstreams;

namespace Reelay.Tests.Upstreams;

public sealed class UpstreamHttpClientTests
{
    [Fact]
    public async Task Create_UpstreamAnswersARedirect_NotFollowed()
    {
        var internalHits = 0;
        await using var app = await LoopbackServer.StartAsync(a =>
        {
            a.MapGet("/v1/videos/text2video/kt-1", () => Results.Redirect("/internal/metadata"));
            a.MapGet("/internal/metadata", () =>
            {
                Interlocked.Increment(ref internalHits);
                return Results.Ok();
            });
        });
        using var http = UpstreamHttpClient.Create();

        using var response = await http.GetAsync(new Uri(app.BaseAddress(), "/v1/videos/text2video/kt-1"));

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(0, internalHits);
    }
}
