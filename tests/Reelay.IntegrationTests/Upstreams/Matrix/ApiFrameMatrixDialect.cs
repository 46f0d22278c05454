namespace Reelay.IntegrationTests.Upstreams.Matrix;

/// <summary>
/// APIFrame: image2video by image URL at <c>POST /kling-imagine</c>, read back with <c>POST /fetch</c>, with the token
/// bare in <c>Authorization</c>; kling-v1, v1-5 and v1-6 only.
/// </summary>
internal sealed class ApiFrameMatrixDialect : MatrixDialect
{
    private readonly HttpClient _http;

    public ApiFrameMatrixDialect(Support.ReelayTestServer server) : base(server)
    {
        _http = server.Http();
        _http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", server.User.Token);
    }

    public override string Name => "apiframe";
    public override IReadOnlyList<string> Models => ["kling-v1-6"];
    public override string Completed => "finished";
    public override string? WebhookCompleted => "\"finished\"";
    public override IReadOnlyList<string> Lifecycle => ["pending", "starting", "processing", "finished"];

    public override async Task<string> CreateAsync(string model, string prompt, byte[] png, Uri imageUrl, Uri webhook) =>
        (await PostAsync(_http, "/kling-imagine", new { prompt, generation_type = "image2video", image_url = imageUrl.ToString(), model, duration = 5, webhook_url = webhook.ToString(), webhook_secret = "matrix-af-secret" })).GetProperty("task_id").GetString()!;

    public override async Task<DialectPoll> PollAsync(string id)
    {
        var task = await PostAsync(_http, "/fetch", new { task_id = id });
        var status = task.GetProperty("status").GetString()!;
        string? url = status == Completed ? task.GetProperty("video_url").GetString() : null;
        return new(status, status is "finished" or "failed", url, task);
    }

    public override void Dispose() => _http.Dispose();
}
