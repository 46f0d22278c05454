using System.Net;
using System.Text.Json;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Api;

public sealed class IdempotencyAndIsolationTests : IAsyncLifetime
{
    private ReelayTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ReelayTestServer.StartAsync(new Dictionary<string, string?>
    {
        // Keep jobs queued: these tests are about the API, not rendering.
        ["Reelay:Scheduler:Enabled"] = "false",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CreateVideo_SameIdempotencyKey_ReplaysSameJobOrConflicts()
    {
        using var http = _server.Http(_server.User);
        var body = new { prompt = "idempotent", duration = 1 };
        using var first = await SendAsync(http, body, "key-1");
        using var second = await SendAsync(http, body, "key-1");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = await Json.ReadAsync(first);
        var b = await Json.ReadAsync(second);
        Assert.Equal(a.GetProperty("id").GetString(), b.GetProperty("id").GetString());

        using var conflict = await SendAsync(http, new { prompt = "something else", duration = 1 }, "key-1");
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var problem = await Json.ReadAsync(conflict);
        Assert.Equal("idempotency_key_reused", problem.GetProperty("code").GetString());

        // The key is scoped to its owner: another key may use the same value for its own job.
        using var other = _server.Http(_server.Admin);
        using var third = await SendAsync(other, body, "key-1");
        Assert.Equal(HttpStatusCode.Created, third.StatusCode);
        Assert.NotEqual(a.GetProperty("id").GetString(), (await Json.ReadAsync(third)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task CreateVideo_FiftyConcurrentSameKey_ExactlyOneJob()
    {
        using var http = _server.Http(_server.User);
        var body = new { prompt = "fifty at once", duration = 1 };
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => SendAsync(http, body, "burst-1")));
        var ids = new HashSet<string>();
        foreach (var r in responses)
        {
            Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"unexpected {(int)r.StatusCode}");
            ids.Add((await Json.ReadAsync(r)).GetProperty("id").GetString()!);
            r.Dispose();
        }
        Assert.Single(ids);
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var list = await Json.GetAsync(http, "/v1/videos?limit=100");
        Assert.Equal(1, list.GetProperty("data").EnumerateArray().Count(v => v.GetProperty("prompt").GetString() == "fifty at once"));
    }

    [Fact]
    public async Task GetVideo_AnotherKeysJob_LooksAbsent()
    {
        using var owner = _server.Http(_server.User);
        var stranger = await _server.CreateKeyAsync("stranger");
        using var other = _server.Http(stranger);
        var id = (await Json.PostAsync(owner, "/v1/videos", new { prompt = "mine", duration = 1 })).GetProperty("id").GetString()!;

        using var get = await other.GetAsync($"/v1/videos/{id}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("not_found", (await Json.ReadAsync(get)).GetProperty("code").GetString());
        using var cancel = await other.PostAsync($"/v1/videos/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        using var events = await other.GetAsync($"/v1/videos/{id}/events");
        Assert.Equal(HttpStatusCode.NotFound, events.StatusCode);
        using var content = await other.GetAsync($"/v1/videos/{id}/content?variant=raw");
        Assert.Equal(HttpStatusCode.NotFound, content.StatusCode);
        var list = await Json.GetAsync(other, "/v1/videos");
        Assert.DoesNotContain(list.GetProperty("data").EnumerateArray(), v => v.GetProperty("id").GetString() == id);

        using var admin = _server.Http(_server.Admin);
        using var adminGet = await admin.GetAsync($"/v1/videos/{id}");
        Assert.Equal(HttpStatusCode.OK, adminGet.StatusCode);
    }

    [Fact]
    public async Task ListVideos_CursorPages_CoverEveryJobOnceNewestFirst()
    {
        var key = await _server.CreateKeyAsync("lister");
        using var http = _server.Http(key);
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
            created.Add((await Json.PostAsync(http, "/v1/videos", new { prompt = $"job {i}", duration = 1 })).GetProperty("id").GetString()!);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Json.GetAsync(http, $"/v1/videos?limit=3{(cursor is null ? "" : "&after=" + cursor)}");
            seen.AddRange(page.GetProperty("data").EnumerateArray().Select(v => v.GetProperty("id").GetString()!));
            cursor = page.GetProperty("has_more").GetBoolean() ? page.GetProperty("next_cursor").GetString() : null;
        } while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(created).ToList(), seen);
        var queued = await Json.GetAsync(http, "/v1/videos?status=queued&limit=100");
        Assert.Equal(7, queued.GetProperty("data").GetArrayLength());
        var none = await Json.GetAsync(http, "/v1/videos?status=completed");
        Assert.Equal(0, none.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task CancelVideo_Queued_CanceledOnceThenConflict()
    {
        using var http = _server.Http(_server.User);
        var id = (await Json.PostAsync(http, "/v1/videos", new { prompt = "cancel me", duration = 1 })).GetProperty("id").GetString()!;
        using var cancel = await http.PostAsync($"/v1/videos/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var video = await Json.ReadAsync(cancel);
        Assert.Equal("canceled", video.GetProperty("status").GetString());
        Assert.Equal("canceled", video.GetProperty("error").GetProperty("code").GetString());
        using var again = await http.PostAsync($"/v1/videos/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await Json.GetAsync(http, $"/v1/videos/{id}")).GetProperty("outputs").ValueKind);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/videos") { Content = Json.Body(body) };
        request.Headers.Add("Idempotency-Key", key);
        return http.SendAsync(request);
    }
}
