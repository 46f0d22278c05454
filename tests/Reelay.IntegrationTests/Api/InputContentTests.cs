using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Reelay.Api;
using Reelay.IntegrationTests.Support;
using Reelay.Storage.Blobs;

namespace Reelay.IntegrationTests.Api;

/// <summary><c>GET /v1/inputs/{file}</c>: stored input images behind signed links, for URL-only upstreams.</summary>
public sealed class InputContentTests
{
    [Fact]
    public async Task GetInput_SignedLink_ServesBytesAndRefusesTamperedOrUnsigned()
    {
        await using var server = await ReelayTestServer.StartAsync(new Dictionary<string, string?> { ["Reelay:PublicBaseUrl"] = "https://public.example.com" });
        byte[] image = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4];
        using (var content = new MemoryStream(image))
            await server.Services.GetRequiredService<IBlobStore>().PutAsync("inputs/deadbeef.png", content, "image/png", CancellationToken.None);
        var link = new Uri(server.Services.GetRequiredService<InputImageLinks>().Build("blob:inputs/deadbeef.png", DateTimeOffset.UtcNow)!);
        Assert.Equal("public.example.com", link.Host);
        using var anonymous = server.Http();

        Assert.Equal(image, await anonymous.GetByteArrayAsync(link.PathAndQuery));
        using var tampered = await anonymous.GetAsync(link.PathAndQuery.Replace("deadbeef.png", "deadbeee.png", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        using var unsigned = await server.Http(server.User).GetAsync("/v1/inputs/deadbeef.png");
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
    }
}
