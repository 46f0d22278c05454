using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Reelay.Providers.Highway.Emulator;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.Highway.Emulator;

/// <summary>The Highway emulator's Novita webhook (ASYNC_TASK_RESULT) over real HTTP, driven by a manual clock.</summary>
public sealed class HighwayEmulatorWebhookTests
{
    private readonly FakeTimeProvider _time = new();

    private Task<HighwayEmulator> StartAsync(bool callbacksNeverCome = false, double failTask = 0) =>
        HighwayEmulator.StartAsync("http://127.0.0.1:0", new HighwayEmulatorOptions
        {
            QueueTime = TimeSpan.FromSeconds(10), GenerationTime = TimeSpan.FromSeconds(60), ResultVideoSize = "320x180",
            Faults = { CallbacksNeverCome = callbacksNeverCome, FailTask = failTask },
        }, _time);

    private static async Task<string> CreateAsync(HighwayEmulator emulator, string webhookUrl)
    {
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HighwayEmulatorOptions.DefaultApiKey);
        using var response = await http.PostAsync("/v3/async/kling-2.5-turbo-t2v", new StringContent(
            """{"prompt":"a fox","duration":"5","extra":{"webhook":{"url":""" + JsonSerializer.Serialize(webhookUrl) + "}}}", System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task_id").GetString()!;
    }

    [Fact]
    public async Task Webhook_WhenTaskSucceeds_PostsAsyncTaskResultOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await StartAsync();
        var id = await CreateAsync(emulator, receiver.Url);

        _time.Advance(TimeSpan.FromSeconds(69));
        await ScansAsync(emulator, 2); // two scans just before 70 s: nothing is due before the task ends
        Assert.Equal(1, emulator.WebhooksPending);
        Assert.Empty(receiver.Received);

        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAdvancingAsync(_time, () => receiver.Received.Count >= 1, "the terminal webhook arrives");
        _time.Advance(TimeSpan.FromSeconds(60));
        await ScansAsync(emulator, 2);
        Assert.Equal((1, 0), (emulator.WebhooksScheduled, emulator.WebhooksPending)); // nothing more will be sent

        var hook = Assert.Single(receiver.Received);
        Assert.Equal("POST", hook.Method);
        var body = JsonDocument.Parse(hook.Body).RootElement;
        Assert.Equal("ASYNC_TASK_RESULT", body.GetProperty("event_type").GetString());
        var task = body.GetProperty("payload").GetProperty("task");
        Assert.Equal(id, task.GetProperty("task_id").GetString());
        Assert.Equal("TASK_STATUS_SUCCEED", task.GetProperty("status").GetString());
        Assert.Equal(100, task.GetProperty("progress_percent").GetInt32());
        Assert.StartsWith(emulator.BaseAddress + "results/", body.GetProperty("payload").GetProperty("videos")[0].GetProperty("video_url").GetString());
        await Eventually.TrueAsync(() => emulator.WebhooksSent == 1, "the delivery is counted");
    }

    [Fact]
    public async Task Webhook_WhenTaskFails_PostsFailedResultWithReason()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await StartAsync(failTask: 1);
        await CreateAsync(emulator, receiver.Url);

        _time.Advance(TimeSpan.FromSeconds(70));
        await Eventually.TrueAdvancingAsync(_time, () => receiver.Received.Count >= 1, "the terminal webhook arrives");

        var task = JsonDocument.Parse(receiver.Received[0].Body).RootElement.GetProperty("payload").GetProperty("task");
        Assert.Equal("TASK_STATUS_FAILED", task.GetProperty("status").GetString());
        Assert.NotEqual("", task.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task CallbacksNeverCome_TaskCreatedUnderTheFaultGetsNone()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var emulator = await StartAsync(callbacksNeverCome: true);
        var silent = await CreateAsync(emulator, receiver.Url);
        emulator.Options.Faults.CallbacksNeverCome = false;
        var heard = await CreateAsync(emulator, receiver.Url);

        // Both end at the same instant, so the silent one's webhook would come in the same scan.
        _time.Advance(TimeSpan.FromSeconds(70));
        await Eventually.TrueAdvancingAsync(_time, () => receiver.Received.Count >= 1, "the control task's webhook arrives");
        Assert.Equal((1, 0), (emulator.WebhooksScheduled, emulator.WebhooksPending)); // the silent one was never scheduled

        var hook = Assert.Single(receiver.Received);
        Assert.Equal(heard, JsonDocument.Parse(hook.Body).RootElement.GetProperty("payload").GetProperty("task").GetProperty("task_id").GetString());
        Assert.NotEqual(silent, heard);
    }

    /// <summary>Moves the clock in 25 ms steps until the emulator's webhook loop has scanned <paramref name="count"/> more times.</summary>
    private async Task ScansAsync(HighwayEmulator emulator, int count)
    {
        var target = emulator.WebhookScans + count;
        await Eventually.TrueAdvancingAsync(_time, () => emulator.WebhookScans >= target, $"{count} webhook scans");
    }
}
