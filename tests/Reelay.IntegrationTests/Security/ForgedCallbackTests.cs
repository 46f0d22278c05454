using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Reelay.IntegrationTests.Support;
using Reelay.Providers.Kling.Emulator;

namespace Reelay.IntegrationTests.Security;

/// <summary>
/// The callback endpoints Reelay exposes to upstreams (<c>/v1/upstream-callbacks/{kling|apiframe|higgsfield|highway|
/// hyprlab|leonardo}/{jobId}</c>) are unauthenticated by design: a callback is only a hint to query the upstream now,
/// and its body, headers and secrets are never read. So forged ones — each provider's success shape pointing at a
/// result URL of the attacker's, a failure, wrong or missing webhook secrets, replayed many times — change nothing:
/// the job stays in progress, the attacker's URL is never fetched, and the job completes once, from the upstream's answer.
/// </summary>
public sealed class ForgedCallbackTests
{
    private static readonly string[] Upstreams = ["kling", "apiframe", "higgsfield", "highway", "hyprlab", "leonardo"];

    [Fact]
    public async Task ForgedAndReplayedCallbacks_EveryUpstreamEndpoint_JobStateUnchangedAndAttackerUrlNeverFetched()
    {
        var evilFetches = 0;
        await using var evil = await StartEvilAsync(() => Interlocked.Increment(ref evilFetches));
        await using var emulator = await KlingEmulator.StartAsync("http://127.0.0.1:0", new KlingEmulatorOptions
        {
            QueueTime = TimeSpan.FromMilliseconds(300), GenerationTime = TimeSpan.FromSeconds(3), ResultVideoSize = "320x180",
        });
        var settings = KlingUpstreamSettings.For(emulator, firstPollAfter: "00:00:05");
        settings[KlingUpstreamSettings.Prefix + "SweepInterval"] = "00:00:00";
        await using var server = await ReelayTestServer.StartAsync(settings);
        using var http = server.Http(server.User);
        using var anonymous = server.Http();
        var id = (await Json.PostAsync(http, "/v1/videos", new { model = "kling-v1", prompt = "forged callbacks", duration = 5 })).GetProperty("id").GetString()!;
        await Eventually.ReturnsAsync(() => Task.FromResult(emulator.TotalCreates), n => n == 1, TimeSpan.FromSeconds(30), "task created");

        var result = $"{evil.Urls.Single()}/evil.mp4";
        var bodies = new[]
        {
            """{"task_id":"x","task_status":"succeed","task_result":{"videos":[{"id":"v","url":"RESULT","duration":"5"}]}}""",
            """{"status":"completed","video_url":"RESULT","task_id":"x","id":"x","output":{"video_url":"RESULT"}}""",
            """{"type":"video_generation_complete","data":{"object":{"status":"COMPLETE","url":"RESULT"}}}""",
            """{"task_status":"failed","task_status_msg":"forged failure","status":"failed","error":"forged"}""",
            "not json at all",
        }.Select(b => b.Replace("RESULT", result, StringComparison.Ordinal)).ToArray();
        for (var replay = 0; replay < 3; replay++)
        {
            foreach (var upstream in Upstreams)
            {
                foreach (var body in bodies)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/upstream-callbacks/{upstream}/{id}") { Content = Json.Raw(body) };
                    if (replay == 1) request.Headers.TryAddWithoutValidation("x-webhook-secret", "guessed-secret");
                    if (replay == 2) request.Headers.TryAddWithoutValidation("authorization", "Bearer forged");
                    using var answer = await anonymous.SendAsync(request);
                    Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
                }
            }
            var now = await Json.GetAsync(http, $"/v1/videos/{id}");
            Assert.Equal("in_progress", now.GetProperty("status").GetString());
        }

        var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(60));
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(1, emulator.ResultDownloads);
        Assert.Equal(0, Volatile.Read(ref evilFetches));
        Assert.Equal(1, emulator.SubmissionsFor(id));
    }

    private static async Task<WebApplication> StartEvilAsync(Action fetched)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapFallback((HttpContext _) => { fetched(); return Results.Bytes(new byte[1024], "video/mp4"); });
        await app.StartAsync();
        return app;
    }
}
