using System.Net;
using System.Text;
using System.Text.Json;
using Reelay.Emulation;
using Reelay.Providers.ApiFrame.Emulator;
using Reelay.Tests.Emulation;

namespace Reelay.Tests.Providers.ApiFrame.Emulator;

/// <summary>Every shared fault against the APIFrame emulator (/kling-imagine, /fetch, result downloads, webhooks).</summary>
public sealed class ApiFrameEmulatorFaultTests : EmulatorFaultContract
{
    protected override async Task<StartedEmulator> StartAsync(EmulatorFaults faults)
    {
        var emulator = await ApiFrameEmulator.StartAsync("http://127.0.0.1:0", new ApiFrameEmulatorOptions { ResultVideoSize = "320x180", Faults = faults }, Clock);
        var http = new HttpClient { BaseAddress = emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", ApiFrameEmulatorOptions.DefaultApiKey);
        return new StartedEmulator(emulator, http, () => emulator.TotalCreates);
    }

    protected override HttpRequestMessage CreateRequest() => new(HttpMethod.Post, "/kling-imagine")
    {
        Content = new StringContent("""{"prompt":"a fox in snow","generation_type":"text2video"}""", Encoding.UTF8, "application/json"),
    };

    protected override string IdOf(JsonElement created) => created.GetProperty("task_id").GetString()!;

    protected override HttpRequestMessage StatusRequest(string id) => new(HttpMethod.Post, "/fetch")
    {
        Content = new StringContent(JsonSerializer.Serialize(new { task_id = id }), Encoding.UTF8, "application/json"),
    };

    protected override string? ResultUrlOf(JsonElement status) =>
        status.TryGetProperty("video_url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;

    protected override string RejectionOf(JsonElement status) => status.GetProperty("message").GetString()!;

    protected override HttpStatusCode OutOfCreditStatus => HttpStatusCode.PaymentRequired;
}
