using System.Net;
using System.Text.Json;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Api;

public sealed class HealthAndOpenApiTests : IAsyncLifetime
{
    private ReelayTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ReelayTestServer.StartAsync(new Dictionary<string, string?> { ["Reelay:Scheduler:Enabled"] = "false" });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Readyz_AllDependenciesUp_Ready()
    {
        using var http = _server.Http();
        using var health = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var ready = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await Json.ReadAsync(ready);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("checks").GetProperty("store").GetString());
        Assert.Equal("ok", body.GetProperty("checks").GetProperty("ffmpeg").GetString());
    }

    [Fact]
    public async Task OpenApi_Document_ListsNativeOperations()
    {
        using var http = _server.Http();
        var doc = await Json.GetAsync(http, "/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/videos", out _));
        Assert.True(paths.TryGetProperty("/v1/videos/{id}", out _));
        Assert.True(paths.TryGetProperty("/v1/videos/{id}/content", out _));
        Assert.True(paths.TryGetProperty("/v1/videos/{id}/cancel", out _));
    }

    [Fact]
    public async Task Models_Catalog_ListsLocalAndKlingModels()
    {
        using var http = _server.Http(_server.User);
        var models = await Json.GetAsync(http, "/v1/models");
        var ids = models.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Contains("local", ids);
        Assert.Contains("kling-v2-6", ids);
        Assert.Contains("kling-v1", ids);
    }
}
