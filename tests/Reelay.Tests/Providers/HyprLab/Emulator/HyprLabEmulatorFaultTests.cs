using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Reelay.Emulation;
using Reelay.Providers.HyprLab.Emulator;
using Reelay.Tests.Emulation;

namespace Reelay.Tests.Providers.HyprLab.Emulator;

/// <summary>Every shared fault against the HyprLab emulator (create, polling URL, result downloads).</summary>
public sealed class HyprLabEmulatorFaultTests : EmulatorFaultContract
{
    protected override async Task<StartedEmulator> StartAsync(EmulatorFaults faults)
    {
        var emulator = await HyprLabEmulator.StartAsync("http://127.0.0.1:0", new HyprLabEmulatorOptions { ResultVideoSize = "320x180", Faults = faults }, Clock);
        var http = new HttpClient { BaseAddress = emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HyprLabEmulatorOptions.DefaultApiKey);
        return new StartedEmulator(emulator, http, () => emulator.TotalCreates);
    }

    protected override HttpRequestMessage CreateRequest() => new(HttpMethod.Post, "/v1/video/generations")
    {
        Content = new StringContent("""{"model":"kling-v2","prompt":"a fox in snow"}""", Encoding.UTF8, "application/json"),
    };

    protected override string IdOf(JsonElement created) => created.GetProperty("id").GetString()!;

    protected override HttpRequestMessage StatusRequest(string id) => new(HttpMethod.Get, $"/v1/video/generations/{id}");

    protected override string? ResultUrlOf(JsonElement status) =>
        status.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Array ? d[0].GetProperty("url").GetString() : null;

    protected override string RejectionOf(JsonElement status) => status.GetProperty("error").GetProperty("message").GetString()!;

    protected override HttpStatusCode OutOfCreditStatus => HttpStatusCode.TooManyRequests;
}
