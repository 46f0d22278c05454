namespace Reelay.IntegrationTests.Upstreams.Matrix;

/// <summary>
/// Highway (Novita): image-to-video at <c>/v3/async/kling-2.5-turbo-i2v</c> with the image as raw base64 and a Bearer
/// token. Its endpoints are Kling 2.5 Turbo's, so that is the only model it can ask for.
/// </summary>
internal sealed class HighwayMatrixDialect(Support.ReelayTestServer server) : MatrixDialect(server)
{
    private readonly HttpClient _http = server.Http(server.User);

    public override string Name => "highway";
    public override IReadOnlyList<string> Models => ["kling-v2-5-turbo"];
    public override string Completed => "TASK_STATUS_SUCCEED";
    public override string? WebhookCompleted => "TASK_STATUS_SUCCEED";
    public override IReadOnlyList<string> Lifecycle => ["TASK_STATUS_QUEUED", "TASK_STATUS_PROCESSING", "TASK_STATUS_SUCCEED"];

    public override async Task<string> CreateAsync(string model, string prompt, byte[] png, Uri imageUrl, Uri webhook) =>
        (await PostAsync(_http, "/v3/async/kling-2.5-turbo-i2v", new { image = Convert.ToBase64String(png), prompt, duration = "5", extra = new { webhook = new { url = webhook.ToString() } } }))
            .GetProperty("task_id").GetString()!;

    public override async Task<DialectPoll> PollAsync(string id)
    {
        var result = await GetAsync(_http, $"/v3/async/task-result?task_id={id}");
        var status = result.GetProperty("task").GetProperty("status").GetString()!;
        string? url = status == Completed ? result.GetProperty("videos")[0].GetProperty("video_url").GetString() : null;
        return new(status, status is "TASK_STATUS_SUCCEED" or "TASK_STATUS_FAILED", url, result);
    }

    public override void Dispose() => _http.Dispose();
}
