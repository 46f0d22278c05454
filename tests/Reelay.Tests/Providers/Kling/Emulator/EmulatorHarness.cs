using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Reelay.Providers.Kling.Emulator;
using Reelay.Security;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.Kling.Emulator;

/// <summary>A Kling emulator on 127.0.0.1:0 driven by a manual clock, and a client that signs every call with a fresh JWT.</summary>
public sealed class EmulatorHarness : IAsyncDisposable
{
    private EmulatorHarness(KlingEmulator emulator, FakeTimeProvider time)
    {
        Emulator = emulator;
        Time = time;
        Http = new HttpClient { BaseAddress = emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }

    public KlingEmulator Emulator { get; }
    public FakeTimeProvider Time { get; }
    public HttpClient Http { get; }

    public static async Task<EmulatorHarness> StartAsync(Action<KlingEmulatorOptions>? configure = null)
    {
        var options = new KlingEmulatorOptions
        {
            AccessKey = "ak-test",
            SecretKey = "sk-test-0123456789abcdef01234567",
            QueueTime = TimeSpan.FromSeconds(30),
            GenerationTime = TimeSpan.FromSeconds(120),
            ResultVideoSize = "320x180",
        };
        configure?.Invoke(options);
        var time = new FakeTimeProvider();
        return new EmulatorHarness(await KlingEmulator.StartAsync("http://127.0.0.1:0", options, time), time);
    }

    public string Token() => Hs256Jwt.Create("ak-test", "sk-test-0123456789abcdef01234567", Time.GetUtcNow(), TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(5));

    public Task<Answer> CreateAsync(string json, string kind = "text2video") => SendAsync(HttpMethod.Post, $"/v1/videos/{kind}", json, Token());

    public Task<Answer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null, Token());

    public async Task<Answer> SendAsync(HttpMethod method, string path, string? json, string? token, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request, ct);
        return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>Creates a text2video task and returns its task_id.</summary>
    public async Task<string> CreateTaskAsync(string? externalId = null, string? callbackUrl = null, string duration = "5")
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["prompt"] = "a red fox running through snow",
            ["duration"] = duration,
            ["external_task_id"] = externalId,
            ["callback_url"] = callbackUrl,
        });
        var answer = await CreateAsync(body);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        return answer.Json.GetProperty("data").GetProperty("task_id").GetString()!;
    }

    public async Task<JsonElement> QueryAsync(string id)
    {
        var answer = await GetAsync($"/v1/videos/text2video/{id}");
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
        return answer.Json.GetProperty("data");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }

    public sealed record Answer(HttpStatusCode Status, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
        public int Code => Json.GetProperty("code").GetInt32();
    }
}
