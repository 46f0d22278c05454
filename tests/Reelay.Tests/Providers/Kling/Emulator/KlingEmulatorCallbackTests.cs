using System.Text.Json;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.Kling.Emulator;

public sealed class KlingEmulatorCallbackTests
{
    private static JsonElement Parse(ReceivedWebhook w) => JsonDocument.Parse(w.Body).RootElement;

    [Fact]
    public async Task Callback_OnEachStatusChange_PostsTheBareTask()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var h = await EmulatorHarness.StartAsync();
        var id = await h.CreateTaskAsync(externalId: "cb-1", callbackUrl: receiver.Url);

        h.Time.Advance(TimeSpan.FromSeconds(31));
        await Eventually.TrueAdvancingAsync(h.Time, () => receiver.Received.Count >= 1, "the processing callback arrives");
        Assert.Equal("processing", Parse(receiver.Received[0]).GetProperty("task_status").GetString());

        h.Time.Advance(TimeSpan.FromSeconds(120));
        await Eventually.TrueAdvancingAsync(h.Time, () => receiver.Received.Count >= 2, "the final callback arrives");

        var final = Parse(receiver.Received[1]);
        Assert.False(final.TryGetProperty("code", out _));
        Assert.Equal(id, final.GetProperty("task_id").GetString());
        Assert.Equal("succeed", final.GetProperty("task_status").GetString());
        Assert.Equal("cb-1", final.GetProperty("task_info").GetProperty("external_task_id").GetString());
        Assert.StartsWith(h.Emulator.BaseAddress + "results/", final.GetProperty("task_result").GetProperty("videos")[0].GetProperty("url").GetString());
        Assert.Equal("POST", receiver.Received[1].Method);
        Assert.Equal(2, receiver.Received.Count);
        // Counted once the receiver has answered, which may trail its recording of the body.
        await Eventually.TrueAsync(() => h.Emulator.CallbacksSent == 2, "both deliveries are counted");
    }

    [Fact]
    public async Task CallbacksNeverCome_TaskCreatedUnderTheFaultGetsNone()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var h = await EmulatorHarness.StartAsync(o => o.Faults.CallbacksNeverCome = true);
        var silent = await h.CreateTaskAsync(callbackUrl: receiver.Url);
        h.Emulator.Options.Faults.CallbacksNeverCome = false;
        var heard = await h.CreateTaskAsync(callbackUrl: receiver.Url);

        // Both tasks reach each status at the same instants, so the silent one's callbacks would come in the same scans.
        h.Time.Advance(TimeSpan.FromSeconds(151));
        await Eventually.TrueAdvancingAsync(h.Time, () => receiver.Received.Count >= 2, "the control task's callbacks arrive");

        Assert.All(receiver.Received, w => Assert.Equal(heard, Parse(w).GetProperty("task_id").GetString()));
        // Both of its changes fell due in one scan and still arrive in order.
        Assert.Equal(["processing", "succeed"], receiver.Received.Select(w => Parse(w).GetProperty("task_status").GetString()!).ToArray());
        Assert.Equal("succeed", (await h.QueryAsync(silent)).GetProperty("task_status").GetString());
    }
}
