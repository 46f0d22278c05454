using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Reelay.Providers.Highway.Emulator;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.Highway.Emulator;

/// <summary>The Highway emulator over real HTTP on loopback, driven by a manual clock.</summary>
public sealed class HighwayEmulatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private HighwayEmulator _emulator = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _emulator = await HighwayEmulator.StartAsync("http://127.0.0.1:0", new HighwayEmulatorOptions
        {
            QueueTime = TimeSpan.FromSeconds(10), GenerationTime = TimeSpan.FromSeconds(60), ResultVideoSize = "320x180", ResultUrlTtl = TimeSpan.FromHours(1),
        }, _time);
        _http = new HttpClient { BaseAddress = _emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HighwayEmulatorOptions.DefaultApiKey);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> PostAsync(string path, string json)
    {
        using var response = await _http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private async Task<JsonElement> ResultAsync(string taskId) =>
        JsonDocument.Parse(await _http.GetStringAsync($"/v3/async/task-result?task_id={taskId}")).RootElement.Clone();

    [Fact]
    public async Task Create_NoKey_401InvalidApiKey()
    {
        using var anonymous = new HttpClient { BaseAddress = _emulator.BaseAddress };
        using var response = await anonymous.PostAsync("/v3/async/kling-2.5-turbo-t2v", new StringContent("""{"prompt":"x"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("INVALID_API_KEY", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Create_I2vWithoutImageOrWithGarbageImage_400InvalidRequestBody()
    {
        var (status, json) = await PostAsync("/v3/async/kling-2.5-turbo-i2v", """{"prompt":"x"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_REQUEST_BODY", json.GetProperty("reason").GetString());
        Assert.Contains("image", json.GetProperty("message").GetString());

        (status, _) = await PostAsync("/v3/async/kling-2.5-turbo-i2v", """{"prompt":"x","image":"not base64 at all!"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(0, _emulator.TotalCreates);
    }

    [Fact]
    public async Task TaskResult_Timeline_EtaProgressAndDownloadableVideo()
    {
        var (_, created) = await PostAsync("/v3/async/kling-2.5-turbo-t2v", """{"prompt":"a train","duration":"5"}""");
        var id = created.GetProperty("task_id").GetString()!;

        var queued = (await ResultAsync(id)).GetProperty("task");
        Assert.Equal("TASK_STATUS_QUEUED", queued.GetProperty("status").GetString());
        Assert.Equal("KLING_2.5_TURBO_T2V", queued.GetProperty("task_type").GetString());
        Assert.Equal(70, queued.GetProperty("eta").GetInt32());

        _time.Advance(TimeSpan.FromSeconds(40));
        var running = (await ResultAsync(id)).GetProperty("task");
        Assert.Equal("TASK_STATUS_PROCESSING", running.GetProperty("status").GetString());
        Assert.Equal(50, running.GetProperty("progress_percent").GetInt32());
        Assert.Equal(30, running.GetProperty("eta").GetInt32());

        _time.Advance(TimeSpan.FromSeconds(30));
        var done = await ResultAsync(id);
        Assert.Equal("TASK_STATUS_SUCCEED", done.GetProperty("task").GetProperty("status").GetString());
        Assert.Equal(100, done.GetProperty("task").GetProperty("progress_percent").GetInt32());
        var video = done.GetProperty("videos")[0];
        Assert.Equal("3600", video.GetProperty("video_url_ttl").GetString());
        var bytes = await _http.GetByteArrayAsync(video.GetProperty("video_url").GetString());
        Assert.Equal("ftyp", Encoding.ASCII.GetString(bytes, 4, 4));
    }

    [Fact]
    public async Task TaskResult_UnknownOrMissingTaskId_404Or400()
    {
        using var unknown = await _http.GetAsync("/v3/async/task-result?task_id=nope");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var missing = await _http.GetAsync("/v3/async/task-result");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }
}
