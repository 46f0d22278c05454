using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reelay.BrowserTests.Support;
using Reelay.Jobs;
using Reelay.Storage;
using Reelay.Webhooks;

namespace Reelay.BrowserTests.WebConsole;

[Collection(BrowserCollection.Name)]
public sealed class WebhookTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Redeliver_DeliveredWebhook_SendsItAgainAndPageShowsTheResponse()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var services = fixture.Server.Services;
        var created = await services.GetRequiredService<JobService>().CreateAsync(
            new CreateJobCommand(fixture.User.Key.Id, new VideoRequest
            {
                Model = "local",
                Prompt = "a paper boat",
                DurationSeconds = 1,
                Webhook = new WebhookTarget(receiver.Url.ToString(), [WebhookEvents.Completed]),
            }),
            CancellationToken.None);
        var id = created.Job!.Id;
        var outbox = services.GetRequiredService<IWebhookOutbox>();
        var message = await PollAsync(async () =>
            (await outbox.GetMessagesAsync(id, CancellationToken.None)).SingleOrDefault(m => m.State == OutboxState.Delivered));

        var page = await fixture.NewPageAsync();
        await ConsolePages.SignInAsync(page, fixture.User);
        await page.GotoAsync($"/jobs/{id}");
        await Assertions.Expect(page.Locator(".attempts")).ToContainTextAsync("200");
        await Assertions.Expect(page.Locator(".attempts pre")).ToHaveTextAsync("thanks");
        await page.GetByRole(AriaRole.Button, new() { Name = "Redeliver" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Redelivery queued");
        await PollAsync(() => Task.FromResult(receiver.Deliveries(message.Message.Id) >= 2 ? (object)true : null));
        await PollAsync(async () => (await outbox.GetAttemptsAsync(id, CancellationToken.None)).Count >= 2 ? (object)true : null);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".attempts li")).ToHaveCountAsync(2);
        await ConsolePages.ScreenshotAsync(page, "job-webhooks");
        await page.Context.CloseAsync();
    }

    /// <summary>Polls until <paramref name="probe"/> returns a value (no fixed sleeps), failing after 60 s.</summary>
    private static async Task<T> PollAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the condition did not hold within 60 s");
            await Task.Delay(100);
        }
    }
}
