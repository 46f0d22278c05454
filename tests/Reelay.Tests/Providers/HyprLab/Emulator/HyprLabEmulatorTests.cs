using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Reelay.Providers.HyprLab.Emulator;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.HyprLab.Emulator;

public sealed class HyprLabEmulatorTests
{
    private const string Key = "hl-key";
    // HyprLab's own doc example ends with a trailing comma: the emulator accepts it as HyprLab does.
    private const string Body = """{"model":"kling-v2.1-standard","prompt":"a heron","duration":5,}""";

    private static async Task<(HyprLabEmulator Emulator, FakeTimeProvider Time, HttpClient Http)> StartAsync(Action<HyprLabEmulatorOptions>? configure = null)
    {
        var options = new HyprLabEmulatorOptions { ApiKey = Key, QueueTime = TimeSpan.FromSeconds(10), GenerationTime = TimeSpan.FromSeconds(100), ResultVideoSize = "320x180" };
        configure?.Invoke(options);
        var time = new FakeTimeProvider();
        var emulator = await HyprLabEmulator.StartAsync("http://127.0.0.1:0", options, time);
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return (emulator, time, http);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Json)> CreateAsync(HyprLabEmulator emulator, HttpClient http, string body = Body)
    {
        using var response = await http.PostAsync(new Uri(emulator.BaseAddress, "v1/video/generations"), new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string url) => JsonDocument.Parse(await http.GetStringAsync(url)).RootElement;

    [Fact]
    public async Task Create_WrongKey_401OpenAiStyleAndNothingCreated()
    {
        var (emulator, _, http) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "nope");

        var (status, json) = await CreateAsync(emulator, http);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_api_key", json.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(0, emulator.TotalCreates);
    }

    [Fact]
    public async Task Create_InvalidDuration_400NamingTheField()
    {
        var (emulator, _, http) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;

        var (status, json) = await CreateAsync(emulator, http, """{"model":"kling-v2","prompt":"x","duration":7}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("duration", json.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Generation_FollowsTimeline_ToSucceededWithPlayableVideo()
    {
        var (emulator, time, http) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;

        var (status, created) = await CreateAsync(emulator, http);
        var polling = created.GetProperty("data")[0].GetProperty("url").GetString()!;
        var pending = await GetJsonAsync(http, polling);
        time.Advance(TimeSpan.FromSeconds(50));
        var processing = await GetJsonAsync(http, polling);
        time.Advance(TimeSpan.FromSeconds(60));
        var succeeded = await GetJsonAsync(http, polling);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(created.GetProperty("id").GetString(), pending.GetProperty("id").GetString());
        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.False(pending.TryGetProperty("data", out _));
        Assert.Equal("processing", processing.GetProperty("status").GetString());
        Assert.Equal("succeeded", succeeded.GetProperty("status").GetString());
        var video = await http.GetByteArrayAsync(succeeded.GetProperty("data")[0].GetProperty("url").GetString());
        Assert.Equal("ftyp", Encoding.ASCII.GetString(video, 4, 4));
    }

    [Fact]
    public async Task Poll_UnknownId_404NotFound()
    {
        var (emulator, _, http) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;

        using var response = await http.GetAsync(new Uri(emulator.BaseAddress, "v1/video/generations/vidgen_nope"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not_found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Create5xx_Answers500Or503AndCreatesNothing()
    {
        var (emulator, _, http) = await StartAsync(o => o.Faults.Create5xx = 1);
        await using var _e = emulator;
        using var _h = http;
        var seen = new HashSet<HttpStatusCode>();

        for (var i = 0; i < 10; i++) seen.Add((await CreateAsync(emulator, http)).Status);

        Assert.Equal(new HashSet<HttpStatusCode> { HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable }, seen);
        Assert.Equal(0, emulator.TotalCreates);
    }

    [Fact]
    public async Task ContentRejectedFault_GenerationFailsWithPolicyMessage()
    {
        var (emulator, time, http) = await StartAsync(o => o.Faults.ContentRejected = 1);
        await using var _e = emulator;
        using var _h = http;
        var (_, created) = await CreateAsync(emulator, http);
        time.Advance(TimeSpan.FromSeconds(110));

        var failed = await GetJsonAsync(http, created.GetProperty("data")[0].GetProperty("url").GetString()!);

        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Contains("content_policy_violation", failed.GetProperty("error").GetProperty("message").GetString());
    }
}
