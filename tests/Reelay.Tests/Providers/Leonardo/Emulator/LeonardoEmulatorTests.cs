using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Reelay.Providers.Leonardo.Emulator;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.Leonardo.Emulator;

/// <summary>The Leonardo emulator over real HTTP on loopback, driven by a manual clock.</summary>
public sealed class LeonardoEmulatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly TempDirectory _dir = new("reelay-leo-emu");
    private LeonardoEmulator _emulator = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _emulator = await LeonardoEmulator.StartAsync("http://127.0.0.1:0", new LeonardoEmulatorOptions
        {
            QueueTime = TimeSpan.FromSeconds(10), GenerationTime = TimeSpan.FromSeconds(60), ResultVideoSize = "320x180",
            ResultUrlTtl = TimeSpan.FromHours(1),
        }, _time);
        _http = new HttpClient { BaseAddress = _emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
        _dir.Dispose();
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> SendAsync(HttpMethod method, string path, string? json, string? token = LeonardoEmulatorOptions.DefaultApiKey)
    {
        using var request = new HttpRequestMessage(method, "/api/rest/v1" + path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private Task<(HttpStatusCode Status, JsonElement Json)> TextToVideoAsync(string json = """{"prompt":"a fox","model":"KLING2_5"}""", string? token = LeonardoEmulatorOptions.DefaultApiKey) =>
        SendAsync(HttpMethod.Post, "/generations-text-to-video", json, token);

    /// <summary>POSTs the issued fields (optionally altered) and the file to the form URL; no bearer token.</summary>
    private async Task<HttpStatusCode> UploadAsync(JsonElement form, byte[] file, Action<Dictionary<string, string>>? tamper = null)
    {
        var fields = JsonSerializer.Deserialize<Dictionary<string, string>>(form.GetProperty("fields").GetString()!)!;
        tamper?.Invoke(fields);
        using var content = new MultipartFormDataContent();
        foreach (var (k, v) in fields) content.Add(new StringContent(v), k);
        content.Add(new ByteArrayContent(file), "file", "image.png");
        using var response = await _http.PostAsync(form.GetProperty("url").GetString(), content);
        return response.StatusCode;
    }

    private async Task<JsonElement> InitImageAsync()
    {
        var (status, json) = await SendAsync(HttpMethod.Post, "/init-image", """{"extension":"png"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        return json.GetProperty("uploadInitImage");
    }

    private byte[] Png() => File.ReadAllBytes(TestMedia.Image(_dir.File($"{Guid.NewGuid():N}.png"), 640, 360));

    [Fact]
    public async Task Create_NoOrWrongToken_401InLeonardoShapeAndNothingCreated()
    {
        var (none, noneJson) = await TextToVideoAsync(token: null);
        var (wrong, wrongJson) = await TextToVideoAsync(token: "nope");

        Assert.Equal(HttpStatusCode.Unauthorized, none);
        Assert.Equal("access-denied", noneJson.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Equal("invalid-jwt", wrongJson.GetProperty("code").GetString());
        Assert.Equal(0, _emulator.TotalCreates);
    }

    [Fact]
    public async Task Create_UnknownModel_400ValidationFailedAtModelPath()
    {
        var (status, json) = await TextToVideoAsync("""{"prompt":"a fox","model":"SORA"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("validation-failed", json.GetProperty("code").GetString());
        Assert.Equal("$.model", json.GetProperty("path").GetString());
        Assert.Equal(0, _emulator.TotalCreates);
    }

    [Fact]
    public async Task Generation_Timeline_PendingThenCompleteWithDownloadableMp4ThatExpires()
    {
        var (status, created) = await TextToVideoAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        var job = created.GetProperty("motionVideoGenerationJob");
        var id = job.GetProperty("generationId").GetString()!;
        Assert.Equal("CREDITS", job.GetProperty("cost").GetProperty("unit").GetString());

        var (_, pending) = await SendAsync(HttpMethod.Get, $"/generations/{id}", null);
        Assert.Equal("PENDING", pending.GetProperty("generations_by_pk").GetProperty("status").GetString());

        _time.Advance(TimeSpan.FromSeconds(71));
        var (_, done) = await SendAsync(HttpMethod.Get, $"/generations/{id}", null);
        var generation = done.GetProperty("generations_by_pk");
        Assert.Equal("COMPLETE", generation.GetProperty("status").GetString());
        Assert.Equal("KLING2_5", generation.GetProperty("motionModel").GetString());
        var mp4 = generation.GetProperty("generated_images")[0].GetProperty("motionMP4URL").GetString()!;
        var bytes = await _http.GetByteArrayAsync(mp4);
        Assert.Equal("ftyp", Encoding.ASCII.GetString(bytes, 4, 4));

        _time.Advance(TimeSpan.FromHours(2));
        using var expired = await _http.GetAsync(mp4);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Equal(2, _emulator.StatusCallsFor(id));
    }

    [Fact]
    public async Task Generation_UnknownId_200WithNullLikeHasura()
    {
        var (status, json) = await SendAsync(HttpMethod.Get, $"/generations/{Guid.NewGuid()}", null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("generations_by_pk").ValueKind);
    }

    [Fact]
    public async Task InitImage_UploadThenImageToVideo_UsesTheUploadedImage()
    {
        var form = await InitImageAsync();
        var png = Png();

        Assert.Equal(HttpStatusCode.NoContent, await UploadAsync(form, png));
        var imageId = form.GetProperty("id").GetString()!;
        var (status, _) = await SendAsync(HttpMethod.Post, "/generations-image-to-video",
            $$"""{"prompt":"animate","imageId":"{{imageId}}","imageType":"UPLOADED","model":"KLING2_1"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, _emulator.TotalUploads);
        Assert.Equal(png, _emulator.UploadedImage(imageId));
        Assert.Equal(imageId, Assert.Single(_emulator.Received).Image!.Id);
    }

    [Fact]
    public async Task Upload_TamperedOrExpiredForm_403AndNotUsable()
    {
        var tampered = await InitImageAsync();
        Assert.Equal(HttpStatusCode.Forbidden, await UploadAsync(tampered, Png(), f => f["x-reelay-signature"] = new string('0', f["x-reelay-signature"].Length)));

        var late = await InitImageAsync();
        _time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(HttpStatusCode.Forbidden, await UploadAsync(late, Png()));

        var (status, json) = await SendAsync(HttpMethod.Post, "/generations-image-to-video",
            $$"""{"prompt":"animate","imageId":"{{late.GetProperty("id").GetString()}}","imageType":"UPLOADED"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("$.imageId", json.GetProperty("path").GetString());
        Assert.Equal(0, _emulator.TotalUploads);
        Assert.Equal(0, _emulator.TotalCreates);
    }

    [Fact]
    public async Task Upload_NotAnImage_400()
    {
        var form = await InitImageAsync();

        Assert.Equal(HttpStatusCode.BadRequest, await UploadAsync(form, Encoding.UTF8.GetBytes("not an image at all")));
        Assert.Equal(0, _emulator.TotalUploads);
    }
}
