using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reelay.BrowserTests.Support;
using Reelay.Jobs;
using Reelay.Storage;
using Reelay.Webhooks;

namespace Reelay.BrowserTests.WebConsole;

[Collection(BrowserCollection.Name)]
public sealed class UsageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task UsagePage_AfterSucceededJob_RendersSvgChartsCostAndCsvDownloads()
    {
        var owner = await fixture.Server.CreateKeyAsync("usage-owner");
        var job = await RunJobAsync(owner.Key.Id, 1); // local std 1 s: 0.2 credits (prices.json perSecond)
        var page = await fixture.NewPageAsync();
        await ConsolePages.SignInAsync(page, owner);

        await page.GotoAsync("/usage");
        var bars = page.Locator("svg[data-testid='chart-day'] rect.bar");
        var heights = await bars.EvaluateAllAsync<double[]>("rs => rs.map(r => Number(r.getAttribute('height')))");
        await Assertions.Expect(page.Locator("svg[data-testid='chart-model']")).ToContainTextAsync("local");
        await Assertions.Expect(page.GetByTestId("total")).ToHaveTextAsync("0.2 credits");
        await Assertions.Expect(page.GetByTestId("balance")).ToContainTextAsync("unlimited");
        await ConsolePages.ScreenshotAsync(page, "usage");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("csv-day").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());

        Assert.Equal(31, heights.Length); // every UTC day the default 30-day period touches (the first one partly)
        Assert.Single(heights, h => h > 0);
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(["day,jobs,settled,refunds,reserved,refunded,charged,topups", $"{today},1,1,0,0.2,0,0.2,0"],
            csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));

        await page.GotoAsync($"/jobs/{job.Id}");
        await Assertions.Expect(page.GetByTestId("cost")).ToHaveTextAsync("0.2 credits · settled (charged)");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task UsageCsv_UserAsksForAnotherKey_GetsOnlyItsOwnRows()
    {
        var owner = await fixture.Server.CreateKeyAsync("csv-owner");
        var other = await fixture.Server.CreateKeyAsync("csv-other");
        await RunJobAsync(other.Key.Id, 2);
        var page = await fixture.NewPageAsync();
        await ConsolePages.SignInAsync(page, owner);

        var response = await page.APIRequest.GetAsync($"/console/usage.csv?group_by=key&key={other.Key.Id}");

        Assert.Equal(200, response.Status);
        Assert.DoesNotContain(other.Key.Id.ToString(), await response.TextAsync(), StringComparison.OrdinalIgnoreCase);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CreateForm_DurationAndModeChange_PriceFollows()
    {
        var page = await fixture.NewPageAsync();
        await ConsolePages.SignInAsync(page, fixture.User);
        await page.GotoAsync("/new");
        await page.SelectOptionAsync("#model", "local");
        await page.SelectOptionAsync("#mode", "std");

        await page.SelectOptionAsync("#duration", "5");
        await Assertions.Expect(page.GetByTestId("price")).ToHaveTextAsync("1 credit");
        await page.SelectOptionAsync("#duration", "10");
        await Assertions.Expect(page.GetByTestId("price")).ToHaveTextAsync("2 credits");
        await page.SelectOptionAsync("#mode", "pro");
        await Assertions.Expect(page.GetByTestId("price")).ToHaveTextAsync("3 credits");
        await page.SelectOptionAsync("#model", "kling-v2-master");
        await Assertions.Expect(page.GetByTestId("price")).ToHaveTextAsync("4 credits");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AdminWebhooks_UnreachableReceiver_ListsErrorAndRedeliverQueues()
    {
        var port = ClosedPort();
        var created = await fixture.Server.Services.GetRequiredService<JobService>().CreateAsync(
            new CreateJobCommand(fixture.OtherUser.Key.Id, new VideoRequest
            {
                Model = "local",
                Prompt = "a webhook nobody hears",
                DurationSeconds = 1,
                Webhook = new WebhookTarget($"http://127.0.0.1:{port}/hook", [WebhookEvents.Completed]),
            }),
            CancellationToken.None);
        var outbox = fixture.Server.Services.GetRequiredService<IWebhookOutbox>();
        var failing = await Poll.UntilAsync(async () =>
            (await outbox.GetFailingAsync(100, CancellationToken.None)).FirstOrDefault(m => m.Message.JobId == created.Job!.Id));
        var page = await fixture.NewPageAsync();
        await ConsolePages.SignInAsync(page, fixture.Admin);

        await page.GotoAsync("/admin/webhooks");
        var row = page.Locator($"tr[data-message='{failing.Message.Id}']");
        await Assertions.Expect(row).ToContainTextAsync(created.Job!.Id);
        await Assertions.Expect(row.GetByTestId("last-error")).Not.ToHaveTextAsync("no response");
        await ConsolePages.ScreenshotAsync(page, "admin-webhooks");
        await row.GetByRole(AriaRole.Button, new() { Name = "Redeliver" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Redelivery queued");
        await Poll.UntilAsync(async () =>
            (await outbox.GetAttemptsAsync(created.Job.Id, CancellationToken.None)).Count >= 2 ? (object)true : null);
        await page.Context.CloseAsync();
    }

    private Task<VideoJob> RunJobAsync(Guid owner, int seconds) => LocalJobs.RunAsync(fixture.Server, owner, seconds);

    /// <summary>A loopback port nothing listens on (bound, then released), so every delivery attempt is refused.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
