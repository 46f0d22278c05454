using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Upstreams.Matrix;

/// <summary>
/// Reelay's native API: <c>POST /v1/videos</c> with a Bearer Reelay token; any catalog model. Image-to-video with an
/// inline data: URI start image (kling-v2-1 takes images only), so every upstream also gets a stored image to relay.
/// </summary>
internal sealed class NativeMatrixDialect(ReelayTestServer server) : MatrixDialect(server)
{
    private readonly HttpClient _http = server.Http(server.User);

    public override string Name => "native";
    // kling-v2-1 first: the one model the other dialects of the matrix leave out on Kling, HyprLab and Leonardo.
    public override IReadOnlyList<string> Models => ["kling-v2-1", "kling-v2-5-turbo", "kling-v1-6"];
    public override string Completed => "completed";
    public override string? WebhookCompleted => "\"completed\"";
    public override IReadOnlyList<string> Lifecycle => ["queued", "in_progress", "completed"];

    public override async Task<string> CreateAsync(string model, string prompt, byte[] png, Uri imageUrl, Uri webhook) =>
        (await PostAsync(_http, "/v1/videos", new { model, prompt, duration = 5, start_image = TestMedia.DataUri(png), webhook = new { url = webhook.ToString() } })).GetProperty("id").GetString()!;

    public override async Task<DialectPoll> PollAsync(string id)
    {
        var video = await GetAsync(_http, $"/v1/videos/{id}");
        var status = video.GetProperty("status").GetString()!;
        string? url = status == Completed ? video.GetProperty("outputs").GetProperty("raw").GetProperty("url").GetString() : null;
        return new(status, status is "completed" or "failed" or "canceled", url, video);
    }

    public override void Dispose() => _http.Dispose();
}
