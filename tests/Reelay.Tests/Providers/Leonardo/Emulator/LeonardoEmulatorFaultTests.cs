using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Reelay.Emulation;
using Reelay.Providers.Leonardo.Emulator;
using Reelay.Tests.Emulation;

namespace Reelay.Tests.Providers.Leonardo.Emulator;

/// <summary>Every shared fault against the Leonardo emulator (text-to-video create, generations/{id}, result downloads).</summary>
public sealed class LeonardoEmulatorFaultTests : EmulatorFaultContract
{
    protected override async Task<StartedEmulator> StartAsync(EmulatorFaults faults)
    {
        var emulator = await LeonardoEmulator.StartAsync("http://127.0.0.1:0", new LeonardoEmulatorOptions { ResultVideoSize = "320x180", Faults = faults }, Clock);
        var http = new HttpClient { BaseAddress = emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LeonardoEmulatorOptions.DefaultApiKey);
        return new StartedEmulator(emulator, http, () => emulator.TotalCreates);
    }

    protected override HttpRequestMessage CreateRequest() => new(HttpMethod.Post, "/api/rest/v1/generations-text-to-video")
    {
        Content = new StringContent("""{"prompt":"a fox in snow","model":"KLING2_5"}""", Encoding.UTF8, "application/json"),
    };

    protected override string IdOf(JsonElement created) => created.GetProperty("motionVideoGenerationJob").GetProperty("generationId").GetString()!;

    protected override HttpRequestMessage StatusRequest(string id) => new(HttpMethod.Get, $"/api/rest/v1/generations/{id}");

    protected override string? ResultUrlOf(JsonElement status)
    {
        var images = status.GetProperty("generations_by_pk").GetProperty("generated_images");
        return images.GetArrayLength() > 0 ? images[0].GetProperty("motionMP4URL").GetString() is { Length: > 0 } url ? url : null : null;
    }

    protected override string RejectionOf(JsonElement status)
    {
        var images = status.GetProperty("generations_by_pk").GetProperty("generated_images");
        return images.GetArrayLength() > 0 && images[0].GetProperty("nsfw").GetBoolean() ? "nsfw" : "";
    }

    protected override HttpStatusCode OutOfCreditStatus => HttpStatusCode.PaymentRequired;
}
