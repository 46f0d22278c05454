using Reelay.IntegrationTests.Dialects.Kling;

namespace Reelay.IntegrationTests.Upstreams.Matrix;

/// <summary>Kling's official API: text2video with an HS256 JWT minted from the key id and secret; every kling-* model.</summary>
internal sealed class KlingMatrixDialect(Support.ReelayTestServer server) : MatrixDialect(server)
{
    private readonly HttpClient _http = KlingClient.For(server, server.User);

    public override string Name => "kling";
    public override IReadOnlyList<string> Models => ["kling-v1-6", "kling-v2-5-turbo", "kling-v2-1"];
    public override string Completed => "succeed";
    public override string? WebhookCompleted => "\"succeed\"";
    public override IReadOnlyList<string> Lifecycle => ["submitted", "processing", "succeed"];

    public override async Task<string> CreateAsync(string model, string prompt, byte[] png, Uri imageUrl, Uri webhook)
    {
        var answer = await PostAsync(_http, "/v1/videos/text2video", new { model_name = model, prompt, duration = "5", mode = "std", aspect_ratio = "16:9", callback_url = webhook.ToString() });
        return answer.GetProperty("data").GetProperty("task_id").GetString()!;
    }

    public override async Task<DialectPoll> PollAsync(string id)
    {
        var answer = await GetAsync(_http, $"/v1/videos/text2video/{id}");
        var task = answer.GetProperty("data");
        var status = task.GetProperty("task_status").GetString()!;
        string? url = status == Completed ? task.GetProperty("task_result").GetProperty("videos")[0].GetProperty("url").GetString() : null;
        return new(status, status is "succeed" or "failed", url, answer);
    }

    public override void Dispose() => _http.Dispose();
}
