using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Reelay.Providers.Higgsfield.Emulator;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.Higgsfield.Emulator;

/// <summary>The Higgsfield emulator's webhook (docs/dialects.md §2 Decision) over real HTTP, driven by a manual clock.</summary>
public sealed class HiggsfieldEmulatorWebhookTests
{
    private readonly FakeTimeProvider _time = new();

    private Task<HiggsfieldEmulator> StartAsync(bool callbacksNeverCome = false) =>
        HiggsfieldEmulator.StartAsync("http://127.0.0.1:0", new HiggsfieldEmulatorOptions
        {
            QueueTime = TimeSpan.FromSeconds(10), GenerationTime = TimeSpan.FromSeconds(60), ResultVideoSize = "320x180",
            Faults = { CallbacksNeverCome = callbacksNeverCome },
        }, _time);

    private static async Task<string> GenerateAsync(HiggsfieldEmulator emulator, string webhookJson)
    {
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/generate/kling-2-5")
        {
            Content = new StringContent($$"""{"params":{"prompt":"a fox","duration":5},"webhook":{{webhookJson}}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("hf-api-key", HiggsfieldEmulatorOptions.DefaultApiKey);
        request.Headers.Add("hf-secret", HiggsfieldEmulatorOptions.DefaultSecret);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Webhook_WhenJobSetCompletes_PostsTheJobSetWithSecretHeaderOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await StartAsync();
        var id = await GenerateAsync(emulator, $$"""{"url":"{{receiver.Url}}","secret":"s3cret"}""");

        _time.Advance(TimeSpan.FromSeconds(69));
        await ScansAsync(emulator, 2); // two scans just before 70 s: nothing is due before the job set ends
        Assert.Equal(1, emulator.WebhooksPending);
        Assert.Empty(receiver.Received);

        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAdvancingAsync(_time, () => receiver.Received.Count >= 1, "the terminal webhook arrives");
        _time.Advance(TimeSpan.FromSeconds(60));
        await ScansAsync(emulator, 2);
        Assert.Equal((1, 0), (emulator.WebhooksScheduled, emulator.WebhooksPending)); // nothing more will be sent

        var hook = Assert.Single(receiver.Received);
        Assert.Equal("POST", hook.Method);
        Assert.Equal("s3cret", hook.Headers["x-webhook-secret"]);
        var set = JsonDocument.Parse(hook.Body).RootElement;
        Assert.Equal(id, set.GetProperty("id").GetString());
        var job = set.GetProperty("jobs")[0];
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.StartsWith(emulator.BaseAddress + "results/", job.GetProperty("results").GetProperty("raw").GetProperty("url").GetString());
        await Eventually.TrueAsync(() => emulator.WebhooksSent == 1, "the delivery is counted");
    }

    [Fact]
    public async Task Webhook_NoSecret_SentWithoutSecretHeader()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await StartAsync();
        await GenerateAsync(emulator, $$"""{"url":"{{receiver.Url}}"}""");

        _time.Advance(TimeSpan.FromSeconds(70));
        await Eventually.TrueAdvancingAsync(_time, () => receiver.Received.Count >= 1, "the terminal webhook arrives");

        Assert.False(receiver.Received[0].Headers.ContainsKey("x-webhook-secret"));
    }

    [Fact]
    public async Task CallbacksNeverCome_JobSetCreatedUnderTheFaultGetsNone()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await StartAsync(callbacksNeverCome: true);
        var silent = await GenerateAsync(emulator, $$"""{"url":"{{receiver.Url}}","secret":"a"}""");
        emulator.Options.Faults.CallbacksNeverCome = false;
        var heard = await GenerateAsync(emulator, $$"""{"url":"{{receiver.Url}}","secret":"b"}""");

        // Both end at the same instant, so the silent one's webhook would come in the same scan.
        _time.Advance(TimeSpan.FromSeconds(70));
        await Eventually.TrueAdvancingAsync(_time, () => receiver.Received.Count >= 1, "the control job set's webhook arrives");
        Assert.Equal((1, 0), (emulator.WebhooksScheduled, emulator.WebhooksPending)); // the silent one was never scheduled

        var hook = Assert.Single(receiver.Received);
        Assert.Equal(heard, JsonDocument.Parse(hook.Body).RootElement.GetProperty("id").GetString());
        Assert.NotEqual(silent, heard);
    }

    /// <summary>Moves the clock in 25 ms steps until the emulator's webhook loop has scanned <paramref name="count"/> more times.</summary>
    private async Task ScansAsync(HiggsfieldEmulator emulator, int count)
    {
        var target = emulator.WebhookScans + count;
        await Eventually.TrueAdvancingAsync(_time, () => emulator.WebhookScans >= target, $"{count} webhook scans");
    }
}
