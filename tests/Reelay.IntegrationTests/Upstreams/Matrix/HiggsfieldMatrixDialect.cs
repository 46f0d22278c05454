using Reelay.IntegrationTests.Dialects.Higgsfield;

namespace Reelay.IntegrationTests.Upstreams.Matrix;

/// <summary>
/// Higgsfield: <c>POST /generate/kling-2-5</c> with <c>hf-api-key</c>/<c>hf-secret</c> and an input image by URL, polled as a job set. The
/// endpoint's model is Kling 2.5 Turbo, and it also takes any catalog model by Reelay's own name.
/// </summary>
internal sealed class HiggsfieldMatrixDialect(Support.ReelayTestServer server) : MatrixDialect(server)
{
    private readonly HttpClient _http = HiggsfieldClient.For(server, server.User);

    public override string Name => "higgsfield";
    public override IReadOnlyList<string> Models => ["kling-v2-5-turbo", "kling-v1-6"];
    public override string Completed => "completed";
    public override string? WebhookCompleted => "\"completed\"";
    public override IReadOnlyList<string> Lifecycle => ["queued", "in_progress", "completed"];

    public override async Task<string> CreateAsync(string model, string prompt, byte[] png, Uri imageUrl, Uri webhook) =>
        (await PostAsync(_http, "/generate/kling-2-5", new { @params = new { model, prompt, duration = 5, input_image = new { type = "image_url", image_url = imageUrl.ToString() } }, webhook = new { url = webhook.ToString(), secret = "matrix-hf-secret" } })).GetProperty("id").GetString()!;

    public override async Task<DialectPoll> PollAsync(string id)
    {
        var set = await GetAsync(_http, $"/v1/job-sets/{id}");
        var job = set.GetProperty("jobs")[0];
        var status = job.GetProperty("status").GetString()!;
        string? url = status == Completed ? job.GetProperty("results").GetProperty("raw").GetProperty("url").GetString() : null;
        return new(status, status is "completed" or "failed" or "nsfw" or "canceled", url, set);
    }

    public override void Dispose() => _http.Dispose();
}
