using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Reelay.Providers.Higgsfield.Emulator;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.Higgsfield.Emulator;

/// <summary>The Higgsfield emulator over real HTTP on loopback, driven by a manual clock.</summary>
public sealed class HiggsfieldEmulatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private HiggsfieldEmulator _emulator = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _emulator = await HiggsfieldEmulator.StartAsync("http://127.0.0.1:0", new HiggsfieldEmulatorOptions
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
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> SendAsync(HttpMethod method, string path, string? json, bool credentials = true)
    {
        using var request = new HttpRequestMessage(method, path);
        if (credentials)
        {
            request.Headers.Add("hf-api-key", HiggsfieldEmulatorOptions.DefaultApiKey);
            request.Headers.Add("hf-secret", HiggsfieldEmulatorOptions.DefaultSecret);
        }
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private Task<(HttpStatusCode Status, JsonElement Json)> GenerateAsync(string json = """{"params":{"prompt":"a fox","duration":5}}""", bool credentials = true) =>
        SendAsync(HttpMethod.Post, "/generate/kling-2-5", json, credentials);

    private static string StatusOf(JsonElement set) => set.GetProperty("jobs")[0].GetProperty("status").GetString()!;

    [Fact]
    public async Task Generate_NoCredentials_401DetailAndNothingCreated()
    {
        var (status, json) = await GenerateAsync(credentials: false);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("hf-api-key", json.GetProperty("detail").GetString());
        Assert.Equal(0, _emulator.TotalCreates);
    }

    [Fact]
    public async Task Generate_InvalidParams_422WithPydanticLocations()
    {
        var (status, json) = await GenerateAsync("""{"params":{"prompt":"","duration":7}}""");

        Assert.Equal((HttpStatusCode)422, status);
        var locs = json.GetProperty("detail").EnumerateArray().Select(d => string.Join('.', d.GetProperty("loc").EnumerateArray().Select(p => p.ToString()))).ToList();
        Assert.Contains("body.params.prompt", locs);
        Assert.Contains("body.params.duration", locs);
        Assert.Equal(0, _emulator.TotalCreates);
    }

    [Fact]
    public async Task JobSet_Timeline_QueuedInProgressCompletedWithDownloadableResult()
    {
        var (_, created) = await GenerateAsync();
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("queued", StatusOf(created));
        Assert.Equal(JsonValueKind.Null, created.GetProperty("jobs")[0].GetProperty("results").ValueKind);

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("in_progress", StatusOf((await SendAsync(HttpMethod.Get, $"/v1/job-sets/{id}", null)).Json));

        _time.Advance(TimeSpan.FromSeconds(60));
        var (_, done) = await SendAsync(HttpMethod.Get, $"/v1/job-sets/{id}", null);
        Assert.Equal("completed", StatusOf(done));
        var raw = done.GetProperty("jobs")[0].GetProperty("results").GetProperty("raw");
        Assert.Equal("video", raw.GetProperty("type").GetString());
        var bytes = await _http.GetByteArrayAsync(raw.GetProperty("url").GetString());
        Assert.Equal("ftyp", Encoding.ASCII.GetString(bytes, 4, 4));
        Assert.Equal(2, _emulator.StatusCallsFor(id));

        _time.Advance(TimeSpan.FromHours(2));
        using var expired = await _http.GetAsync(raw.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
    }

    [Fact]
    public async Task JobSet_UnknownOrMalformedId_404Or422()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/v1/job-sets/{Guid.NewGuid()}", null)).Status);
        Assert.Equal((HttpStatusCode)422, (await SendAsync(HttpMethod.Get, "/v1/job-sets/not-a-uuid", null)).Status);
    }

    [Fact]
    public async Task JobSet_NsfwFault_EndsNsfwWithoutResults()
    {
        await using var nsfw = await HiggsfieldEmulator.StartAsync("http://127.0.0.1:0",
            new HiggsfieldEmulatorOptions { QueueTime = TimeSpan.Zero, GenerationTime = TimeSpan.FromSeconds(5), Faults = { ContentRejected = 1 } }, _time);
        using var http = new HttpClient { BaseAddress = nsfw.BaseAddress };
        http.DefaultRequestHeaders.Add("hf-api-key", HiggsfieldEmulatorOptions.DefaultApiKey);
        http.DefaultRequestHeaders.Add("hf-secret", HiggsfieldEmulatorOptions.DefaultSecret);
        using var created = await http.PostAsync("/generate/kling-2-5", new StringContent("""{"params":{"prompt":"x"}}""", Encoding.UTF8, "application/json"));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        _time.Advance(TimeSpan.FromSeconds(5));
        var set = JsonDocument.Parse(await http.GetStringAsync($"/v1/job-sets/{id}")).RootElement;

        Assert.Equal("nsfw", StatusOf(set));
        Assert.Equal(JsonValueKind.Null, set.GetProperty("jobs")[0].GetProperty("results").ValueKind);
    }
}
