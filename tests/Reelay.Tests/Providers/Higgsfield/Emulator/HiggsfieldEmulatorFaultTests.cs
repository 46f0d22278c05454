using System.Net;
using System.Text;
using System.Text.Json;
using Reelay.Emulation;
using Reelay.Providers.Higgsfield.Emulator;
using Reelay.Tests.Emulation;

namespace Reelay.Tests.Providers.Higgsfield.Emulator;

/// <summary>Every shared fault against the Higgsfield emulator (generate, job-set reads, result downloads).</summary>
public sealed class HiggsfieldEmulatorFaultTests : EmulatorFaultContract
{
    protected override async Task<StartedEmulator> StartAsync(EmulatorFaults faults)
    {
        var emulator = await HiggsfieldEmulator.StartAsync("http://127.0.0.1:0",
            new HiggsfieldEmulatorOptions { ResultVideoSize = "320x180", Faults = faults }, Clock);
        var http = new HttpClient { BaseAddress = emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("hf-api-key", HiggsfieldEmulatorOptions.DefaultApiKey);
        http.DefaultRequestHeaders.Add("hf-secret", HiggsfieldEmulatorOptions.DefaultSecret);
        return new StartedEmulator(emulator, http, () => emulator.TotalCreates);
    }

    protected override HttpRequestMessage CreateRequest() => new(HttpMethod.Post, "/generate/kling-2-5")
    {
        Content = new StringContent("""{"params":{"prompt":"a fox in snow"}}""", Encoding.UTF8, "application/json"),
    };

    protected override string IdOf(JsonElement created) => created.GetProperty("id").GetString()!;

    protected override HttpRequestMessage StatusRequest(string id) => new(HttpMethod.Get, $"/v1/job-sets/{id}");

    protected override string? ResultUrlOf(JsonElement status) =>
        status.GetProperty("jobs")[0].GetProperty("results") is { ValueKind: JsonValueKind.Object } r ? r.GetProperty("raw").GetProperty("url").GetString() : null;

    protected override string RejectionOf(JsonElement status) => status.GetProperty("jobs")[0].GetProperty("status").GetString()!;

    protected override HttpStatusCode OutOfCreditStatus => HttpStatusCode.Forbidden;
}
