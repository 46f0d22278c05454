namespace Reelay.IntegrationTests.Upstreams.Matrix;

/// <summary>HyprLab: <c>POST /v1/video/generations</c> with a Bearer token, naming model and quality in one (kling-v1.6-standard).</summary>
internal sealed class HyprLabMatrixDialect(Support.ReelayTestServer server) : MatrixDialect(server)
{
    private readonly HttpClient _http = server.Http(server.User);

    public override string Name => "hyprlab";
    public override IReadOnlyList<string> Models => ["kling-v1-6", "kling-v2-5-turbo", "kling-v2-1"];
    public override string Completed => "succeeded";
    public override string? WebhookCompleted => null;
    public override IReadOnlyList<string> Lifecycle => ["pending", "processing", "succeeded"];

    /// <summary>HyprLab's own names for the catalog models above, all in standard quality.</summary>
    private static string WireName(string model) => model switch
    {
        "kling-v1-6" => "kling-v1.6-standard",
        "kling-v2-5-turbo" => "kling-v2.5-turbo-standard",
        "kling-v2-1" => "kling-v2.1-standard",
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "no HyprLab name in the matrix"),
    };

    public override async Task<string> CreateAsync(string model, string prompt, byte[] png, Uri imageUrl, Uri webhook) =>
        (await PostAsync(_http, "/v1/video/generations", new { model = WireName(model), prompt, duration = 5, aspect_ratio = "16:9" }))
            .GetProperty("id").GetString()!;

    public override async Task<DialectPoll> PollAsync(string id)
    {
        var generation = await GetAsync(_http, $"/v1/video/generations/{id}");
        var status = generation.GetProperty("status").GetString()!;
        string? url = status == Completed ? generation.GetProperty("data")[0].GetProperty("url").GetString() : null;
        return new(status, status is "succeeded" or "failed", url, generation);
    }

    public override void Dispose() => _http.Dispose();
}
