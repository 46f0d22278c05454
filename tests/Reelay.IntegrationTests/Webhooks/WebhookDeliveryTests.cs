using System.Text.Json;
using Reelay.Client;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Webhooks;

public sealed class WebhookDeliveryTests
{
    [Fact]
    public async Task CompletedVideo_ReceiverFailsOnce_RetriedSignedAndRecorded()
    {
        await using var sink = await WebhookSink.StartAsync(500);
        await using var server = await ReelayTestServer.StartAsync();
        using var http = server.Http(server.User);
        var id = (await Json.PostAsync(http, "/v1/videos", new
        {
            prompt = "notify me",
            duration = 1,
            webhook = new { url = sink.Url.ToString(), events = new[] { "completed" } },
        })).GetProperty("id").GetString()!;

        // First attempt answered 500, the retry (about 5 s later) 204.
        await Eventually.ReturnsAsync(() => Task.FromResult(sink.Requests.Count), n => n >= 2, TimeSpan.FromSeconds(60), "webhook retried");
        var received = sink.Requests.ToArray();
        Assert.Equal(500, received[0].AnsweredWith);
        Assert.Equal(204, received[1].AnsweredWith);
        Assert.Equal(received[0].Headers["webhook-id"], received[1].Headers["webhook-id"]);

        var verifier = new WebhookVerifier(server.User.WebhookSecret);
        foreach (var r in received)
        {
            var result = verifier.Verify(r.Headers["webhook-id"], r.Headers["webhook-timestamp"], r.Headers["webhook-signature"], r.Body);
            Assert.Equal(WebhookVerificationResult.Valid, result);
        }
        Assert.False(new WebhookVerifier(server.Admin.WebhookSecret).Verify(
            received[1].Headers["webhook-id"], received[1].Headers["webhook-timestamp"], received[1].Headers["webhook-signature"], received[1].Body) == WebhookVerificationResult.Valid);

        var payload = JsonDocument.Parse(received[1].Body).RootElement;
        Assert.Equal("video.completed", payload.GetProperty("type").GetString());
        Assert.Equal(id, payload.GetProperty("data").GetProperty("id").GetString());
        Assert.Equal("completed", payload.GetProperty("data").GetProperty("status").GetString());

        var log = await Eventually.ReturnsAsync(() => Json.GetAsync(http, $"/v1/videos/{id}/webhooks"),
            l => l.GetProperty("data").GetArrayLength() == 1 && l.GetProperty("data")[0].GetProperty("state").GetString() == "delivered",
            TimeSpan.FromSeconds(30), "delivery recorded");
        var attempts = log.GetProperty("data")[0].GetProperty("attempts");
        Assert.Equal(2, attempts.GetArrayLength());
        Assert.Equal(500, attempts[0].GetProperty("status_code").GetInt32());
        Assert.Equal(204, attempts[1].GetProperty("status_code").GetInt32());
    }

    [Fact]
    public async Task CreateVideo_AllEvents_StartedAndCompletedDelivered()
    {
        await using var sink = await WebhookSink.StartAsync();
        await using var server = await ReelayTestServer.StartAsync();
        using var http = server.Http(server.User);
        var id = (await Json.PostAsync(http, "/v1/videos", new { prompt = "every event", duration = 2, webhook = new { url = sink.Url.ToString() } }))
            .GetProperty("id").GetString()!;
        await Json.WaitTerminalAsync(http, id);
        var types = await Eventually.ReturnsAsync(
            () => Task.FromResult(sink.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()).ToList()),
            t => t.Contains("video.completed"), TimeSpan.FromSeconds(30), "completed webhook");
        Assert.Equal("video.started", types[0]);
        Assert.Single(types, t => t == "video.completed");
        Assert.Equal(types.Count, sink.Requests.Select(r => r.Headers["webhook-id"]).Distinct().Count());
    }

    [Fact]
    public async Task WebhookToLoopback_DefaultPolicy_BlockedAndRecorded()
    {
        await using var sink = await WebhookSink.StartAsync();
        await using var server = await ReelayTestServer.StartAsync(new Dictionary<string, string?> { ["Reelay:Security:AllowLoopback"] = "false" });
        using var http = server.Http(server.User);
        var id = (await Json.PostAsync(http, "/v1/videos", new { prompt = "ssrf", duration = 1, webhook = new { url = sink.Url.ToString(), events = new[] { "completed" } } }))
            .GetProperty("id").GetString()!;
        await Json.WaitTerminalAsync(http, id);
        var log = await Eventually.ReturnsAsync(() => Json.GetAsync(http, $"/v1/videos/{id}/webhooks"),
            l => l.GetProperty("data").GetArrayLength() == 1 && l.GetProperty("data")[0].GetProperty("attempts").GetArrayLength() >= 1,
            TimeSpan.FromSeconds(30), "blocked attempt recorded");
        var attempt = log.GetProperty("data")[0].GetProperty("attempts")[0];
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("status_code").ValueKind);
        Assert.Contains("not allowed", attempt.GetProperty("error").GetString());
        Assert.Empty(sink.Requests);
    }
}
