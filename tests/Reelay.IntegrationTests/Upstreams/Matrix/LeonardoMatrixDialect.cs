using Reelay.IntegrationTests.Dialects.Leonardo;

namespace Reelay.IntegrationTests.Upstreams.Matrix;

/// <summary>
/// Leonardo: image-to-video naming an init image by id, so the image goes through Leonardo's init-image upload flow
/// first (presigned multipart POST). Its Kling models are KLING2_5 (kling-v2-5-turbo) and KLING2_1 (kling-v2-1).
/// </summary>
internal sealed class LeonardoMatrixDialect(Support.ReelayTestServer server) : MatrixDialect(server)
{
    private readonly HttpClient _http = server.Http(server.User);

    public override string Name => "leonardo";
    public override IReadOnlyList<string> Models => ["kling-v2-5-turbo", "kling-v2-1"];
    public override string Completed => "COMPLETE";
    public override string? WebhookCompleted => "video_generation.complete";
    public override IReadOnlyList<string> Lifecycle => ["PENDING", "COMPLETE"];

    public override async Task<string> CreateAsync(string model, string prompt, byte[] png, Uri imageUrl, Uri webhook)
    {
        var (imageId, uploadStatus, _) = await LeonardoServerFixture.UploadAsync(_http, png);
        if (uploadStatus != 204) throw new InvalidOperationException($"init-image upload answered {uploadStatus}");
        var leonardoModel = model switch
        {
            "kling-v2-5-turbo" => "KLING2_5",
            "kling-v2-1" => "KLING2_1",
            _ => throw new ArgumentOutOfRangeException(nameof(model), model, "no Leonardo model in the matrix"),
        };
        var answer = await PostAsync(_http, $"{LeonardoServerFixture.Base}/generations-image-to-video",
            new { prompt, imageId, imageType = "UPLOADED", model = leonardoModel });
        return answer.GetProperty("motionVideoGenerationJob").GetProperty("generationId").GetString()!;
    }

    public override async Task<DialectPoll> PollAsync(string id)
    {
        var answer = await GetAsync(_http, $"{LeonardoServerFixture.Base}/generations/{id}");
        var generation = answer.GetProperty("generations_by_pk");
        var status = generation.GetProperty("status").GetString()!;
        string? url = status == Completed ? generation.GetProperty("generated_images")[0].GetProperty("motionMP4URL").GetString() : null;
        return new(status, status is "COMPLETE" or "FAILED", url, answer);
    }

    public override void Dispose() => _http.Dispose();
}
