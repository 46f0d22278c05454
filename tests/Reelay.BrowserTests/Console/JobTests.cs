using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reelay.BrowserTests.Support;
using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.BrowserTests.WebConsole;

[Collection(BrowserCollection.Name)]
public sealed class JobTests(BrowserFixture fixture)
{
    /// <summary>Records every value a progress bar takes, across the reload the job page does when the job ends.</summary>
    private const string RecordProgress = """
        new MutationObserver(changes => {
          for (const c of changes) {
            if (!(c.target instanceof HTMLProgressElement)) continue;
            const seen = JSON.parse(sessionStorage.getItem("progress") || "[]");
            seen.push(Number(c.target.value));
            sessionStorage.setItem("progress", JSON.stringify(seen));
          }
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ["value"] });
        """;

    [Fact]
    public async Task CreateForm_UploadedStartImage_ProgressMovesLiveAndVideoBecomesPlayable()
    {
        var image = await TestImages.PngAsync(1280, 720);
        try
        {
            var page = await fixture.NewPageAsync();
            await page.AddInitScriptAsync(RecordProgress);
            await ConsolePages.SignInAsync(page, fixture.User);
            await page.GotoAsync("/new");

            await page.GetByLabel("Prompt", new() { Exact = true }).FillAsync("a lighthouse at dusk, waves rolling in");
            await page.SelectOptionAsync("#model", "local");
            await page.SelectOptionAsync("#duration", "5");
            await page.SelectOptionAsync("#aspect", "16:9");
            await page.Locator("#start-image").SetInputFilesAsync(image);
            await Assertions.Expect(page.Locator("#start-preview")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#prompt-count")).ToHaveTextAsync("38 / 2500");
            await ConsolePages.ScreenshotAsync(page, "new-video");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create video" }).ClickAsync();

            await page.WaitForURLAsync("**/jobs/*");
            var id = page.Url[(page.Url.LastIndexOf('/') + 1)..];
            await page.WaitForFunctionAsync(
                "() => { const v = document.querySelector('video'); return v !== null && v.readyState >= 1 && isFinite(v.duration); }",
                null, new PageWaitForFunctionOptions { Timeout = 90_000 });
            var duration = await page.EvaluateAsync<double>("document.querySelector('video').duration");
            var progress = JsonSerializer.Deserialize<int[]>(await page.EvaluateAsync<string>("sessionStorage.getItem('progress') || '[]'"))!;
            await ConsolePages.ScreenshotAsync(page, "job");

            var job = await fixture.Server.Services.GetRequiredService<IJobStore>().GetAsync(id, CancellationToken.None);
            Assert.NotNull(job);
            Assert.Equal(JobStatus.Succeeded, job.Status);
            Assert.Equal(fixture.User.Key.Id.ToString(), job.OwnerKeyId);
            Assert.StartsWith("blob:inputs/", job.Request.StartImage, StringComparison.Ordinal);
            Assert.Contains(progress, p => p is > 0 and < 100);
            Assert.InRange(duration, job.Outputs!.Min.DurationSeconds!.Value - 0.25, job.Outputs.Min.DurationSeconds.Value + 0.25);
            Assert.InRange(duration, 4.5, 5.5);
            await Assertions.Expect(page.Locator("[data-chip]").First).ToHaveTextAsync("Completed");
            await Assertions.Expect(page.Locator(".timeline li")).ToContainTextAsync(["created", "started"]);

            await page.GetByRole(AriaRole.Link, new() { Name = "Original (raw)" }).ClickAsync();
            await Assertions.Expect(page.Locator("video")).ToHaveAttributeAsync("src", $"/console/jobs/{id}/content?variant=raw");
            await page.Context.CloseAsync();
        }
        finally
        {
            File.Delete(image);
        }
    }

    [Fact]
    public async Task CreateForm_TooSmallImage_ShowsClientSideErrorAndDoesNotSubmit()
    {
        var image = await TestImages.PngAsync(200, 200);
        try
        {
            var page = await fixture.NewPageAsync();
            await ConsolePages.SignInAsync(page, fixture.User);
            await page.GotoAsync("/new");

            await page.GetByLabel("Prompt", new() { Exact = true }).FillAsync("too small");
            await page.Locator("#start-image").SetInputFilesAsync(image);
            await Assertions.Expect(page.Locator("#start-image-error")).ToContainTextAsync("at least 300 px");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create video" }).ClickAsync();

            Assert.EndsWith("/new", page.Url, StringComparison.Ordinal);
            Assert.False(await page.Locator("#start-image").EvaluateAsync<bool>("e => e.checkValidity()"));
            await page.Context.CloseAsync();
        }
        finally
        {
            File.Delete(image);
        }
    }

    [Fact]
    public async Task CreateForm_ModelWithoutCfg_DisablesSliderAndOffersOnlyItsDurations()
    {
        var page = await fixture.NewPageAsync();
        await ConsolePages.SignInAsync(page, fixture.User);
        await page.GotoAsync("/new");

        await page.SelectOptionAsync("#model", "kling-v2-master");

        await Assertions.Expect(page.Locator("#cfg")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("#end-image")).ToBeDisabledAsync();
        Assert.Equal(["5", "10"], await page.Locator("#duration option").AllTextContentsAsync());
        Assert.Equal(["16:9", "9:16", "1:1"], await page.Locator("#aspect option").AllTextContentsAsync());
        await page.SelectOptionAsync("#model", "local");
        await Assertions.Expect(page.Locator("#cfg")).ToBeEnabledAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Cancel_QueuedJob_ShowsCanceledAndStoreAgrees()
    {
        var job = await fixture.Server.CreateParkedJobAsync(fixture.User, "a job to cancel");
        var page = await fixture.NewPageAsync();
        await ConsolePages.SignInAsync(page, fixture.User);
        await page.GotoAsync($"/jobs/{job.Id}");
        await Assertions.Expect(page.Locator($"[data-chip='{job.Id}']")).ToHaveTextAsync("Queued");

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel job" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("canceled");
        await Assertions.Expect(page.Locator($"[data-chip='{job.Id}']")).ToHaveTextAsync("Canceled");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel job" })).ToHaveCountAsync(0);
        await ConsolePages.ScreenshotAsync(page, "job-canceled");
        var stored = await fixture.Server.Services.GetRequiredService<IJobStore>().GetAsync(job.Id, CancellationToken.None);
        Assert.Equal(JobStatus.Canceled, stored!.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task JobPage_AnotherKeysJob_IsNotFoundForUserButVisibleToAdmin()
    {
        var foreign = await fixture.Server.CreateParkedJobAsync(fixture.OtherUser, "bob's private zebra");
        var page = await fixture.NewPageAsync();
        await ConsolePages.SignInAsync(page, fixture.User);

        var response = await page.GotoAsync($"/jobs/{foreign.Id}");
        var content = await page.APIRequest.GetAsync($"/console/jobs/{foreign.Id}/content?variant=poster");
        await page.GotoAsync("/?q=zebra");

        Assert.Equal(404, response!.Status);
        Assert.Equal(404, content.Status);
        await Assertions.Expect(page.Locator($"[data-job='{foreign.Id}']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("No jobs match these filters.")).ToBeVisibleAsync();

        var admin = await fixture.NewPageAsync();
        await ConsolePages.SignInAsync(admin, fixture.Admin);
        await admin.GotoAsync($"/jobs/{foreign.Id}");
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "bob's private zebra" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task Gallery_PromptSearchAndPhoneWidth_ShowsOnlyMatchingCards()
    {
        var giraffe = await fixture.Server.CreateParkedJobAsync(fixture.User, "a giraffe on roller skates");
        var other = await fixture.Server.CreateParkedJobAsync(fixture.User, "an owl reading a book");
        var page = await fixture.NewPageAsync(390, 844);
        await ConsolePages.SignInAsync(page, fixture.User);

        await page.GotoAsync("/");
        await ConsolePages.ScreenshotAsync(page, "gallery-phone");
        await page.GetByLabel("Prompt contains").FillAsync("GIRAFFE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        await Assertions.Expect(page.Locator($"[data-job='{giraffe.Id}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"[data-job='{other.Id}']")).ToHaveCountAsync(0);
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow);

        var wide = await fixture.NewPageAsync();
        await ConsolePages.SignInAsync(wide, fixture.User);
        await wide.GotoAsync("/");
        await ConsolePages.ScreenshotAsync(wide, "gallery");
        await page.Context.CloseAsync();
        await wide.Context.CloseAsync();
    }
}
