using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Reelay.Emulation;
using Reelay.Providers.Highway.Emulator;
using Reelay.Tests.Emulation;

namespace Reelay.Tests.Providers.Highway.Emulator;

/// <summary>Every shared fault against the Highway emulator (t2v create, task-result, result downloads).</summary>
public sealed class HighwayEmulatorFaultTests : EmulatorFaultContract
{
    protected override async Task<StartedEmulator> StartAsync(EmulatorFaults faults)
    {
        var emulator = await HighwayEmulator.StartAsync("http://127.0.0.1:0", new HighwayEmulatorOptions { ResultVideoSize = "320x180", Faults = faults }, Clock);
        var http = new HttpClient { BaseAddress = emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HighwayEmulatorOptions.DefaultApiKey);
        return new StartedEmulator(emulator, http, () => emulator.TotalCreates);
    }

    protected override HttpRequestMessage CreateRequest() => new(HttpMethod.Post, "/v3/async/kling-2.5-turbo-t2v")
    {
        Content = new StringContent("""{"prompt":"a fox in snow"}""", Encoding.UTF8, "application/json"),
    };

    protected override string IdOf(JsonElement created) => created.GetProperty("task_id").GetString()!;

    protected override HttpRequestMessage StatusRequest(string id) => new(HttpMethod.Get, $"/v3/async/task-result?task_id={id}");

    protected override string? ResultUrlOf(JsonElement status) =>
        status.GetProperty("videos") is { } v && v.GetArrayLength() > 0 ? v[0].GetProperty("video_url").GetString() : null;

    protected override string RejectionOf(JsonElement status) => status.GetProperty("task").GetProperty("reason").GetString()!;

    protected override HttpStatusCode OutOfCreditStatus => HttpStatusCode.Forbidden;
}
