using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reelay.Accounts;
using Reelay.BrowserTests.Support;
using Reelay.Credits;

namespace Reelay.BrowserTests.WebConsole;

[Collection(BrowserCollection.Name)]
public sealed class AdminKeysTests(BrowserFixture fixture)
{
    [Fact]
    public async Task TopUp_AdminAddsCredits_BalanceShownChangesForAdminAndKey()
    {
        // A key of its own: the shared keys stay unlimited for the other tests.
        var target = await fixture.Server.CreateKeyAsync("topup-target");
        var id = target.Key.Id.ToString("D");
        var admin = await fixture.NewPageAsync();
        await ConsolePages.SignInAsync(admin, fixture.Admin);
        await admin.GotoAsync("/admin/keys");
        var balance = admin.GetByTestId($"balance-{id}");
        await Assertions.Expect(balance).ToHaveTextAsync("unlimited");

        await admin.Locator($"#amount-{id}").FillAsync("12.5");
        await admin.Locator($"tr[data-key='{id}']").GetByRole(AriaRole.Button, new() { Name = "Add credits" }).ClickAsync();

        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Credits added");
        await Assertions.Expect(balance).ToHaveTextAsync("12.5 credits");
        await ConsolePages.ScreenshotAsync(admin, "admin-keys");
        var stored = await fixture.Server.Services.GetRequiredService<ICreditStore>().GetBalanceAsync(id, CancellationToken.None);
        Assert.Equal(new CreditBalance(id, true, 12.5m), stored);

        var own = await fixture.NewPageAsync();
        await ConsolePages.SignInAsync(own, target);
        await own.GotoAsync("/usage");
        await Assertions.Expect(own.GetByTestId("balance")).ToContainTextAsync("12.5 credits");
        await admin.Context.CloseAsync();
        await own.Context.CloseAsync();
    }

    [Fact]
    public async Task CreateKey_AdminFormThenReload_ShowsTokenOnceThatSignsInAndCreatesOneKey()
    {
        var admin = await fixture.NewPageAsync();
        await ConsolePages.SignInAsync(admin, fixture.Admin);
        await admin.GotoAsync("/admin/keys");

        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync("made-in-console");
        await admin.Locator("#new-concurrent").FillAsync("3");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();

        var token = await admin.GetByTestId("issued-token").TextContentAsync();
        Assert.False(string.IsNullOrEmpty(token));
        var key = await fixture.Server.Services.GetRequiredService<ApiKeyAuthenticator>().AuthenticateTokenAsync(token, CancellationToken.None);
        Assert.NotNull(key);
        Assert.Equal("made-in-console", key.Name);
        Assert.Equal(3, key.Limits.MaxConcurrentJobs);
        Assert.DoesNotContain(token!, admin.Url, StringComparison.Ordinal);
        await admin.ReloadAsync();
        await Assertions.Expect(admin.GetByTestId("issued-token")).ToHaveCountAsync(0);
        var all = await fixture.Server.Services.GetRequiredService<IKeyStore>().ListAsync(CancellationToken.None);
        Assert.Single(all, k => k.Name == "made-in-console");
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task RotateWebhookSecret_AdminForm_ShowsNewSecretOnceAndAdvancesGeneration()
    {
        var target = await fixture.Server.CreateKeyAsync("rotate-target");
        var admin = await fixture.NewPageAsync();
        await ConsolePages.SignInAsync(admin, fixture.Admin);
        await admin.GotoAsync("/admin/keys");

        await admin.Locator($"tr[data-key='{target.Key.Id:D}']").GetByRole(AriaRole.Button, new() { Name = "Rotate webhook secret" }).ClickAsync();

        var secret = await admin.GetByTestId("rotated-secret").TextContentAsync();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.NotEqual(target.WebhookSecret, secret);
        var stored = await fixture.Server.Services.GetRequiredService<IKeyStore>().GetAsync(target.Key.Id, CancellationToken.None);
        Assert.Equal(2, stored!.WebhookSecretGeneration);
        await admin.ReloadAsync();
        await Assertions.Expect(admin.GetByTestId("rotated-secret")).ToHaveCountAsync(0);
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task SetLimits_AdminForm_StoresLimitsAndShowsThem()
    {
        var target = await fixture.Server.CreateKeyAsync("limits-target");
        var id = target.Key.Id.ToString("D");
        var admin = await fixture.NewPageAsync();
        await ConsolePages.SignInAsync(admin, fixture.Admin);
        await admin.GotoAsync("/admin/keys");
        var row = admin.Locator($"tr[data-key='{id}']");

        await row.GetByText("Limits", new() { Exact = true }).ClickAsync();
        await admin.Locator($"#rpm-{id}").FillAsync("30");
        await admin.Locator($"#models-{id}").FillAsync("local, kling-v2-6");
        await row.GetByRole(AriaRole.Button, new() { Name = "Save limits" }).ClickAsync();

        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Limits saved");
        await Assertions.Expect(admin.Locator($"tr[data-key='{id}']")).ToContainTextAsync("local, kling-v2-6");
        var stored = await fixture.Server.Services.GetRequiredService<IKeyStore>().GetAsync(target.Key.Id, CancellationToken.None);
        Assert.Equal(new KeyLimits(30, null, ["local", "kling-v2-6"]), stored!.Limits);
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task AdminPages_UserKey_AreForbiddenAndNotLinked()
    {
        var page = await fixture.NewPageAsync();
        await ConsolePages.SignInAsync(page, fixture.User);

        var keys = await page.GotoAsync("/admin/keys");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("admin keys only");
        var webhooks = await page.GotoAsync("/admin/webhooks");

        Assert.Equal(403, keys!.Status);
        Assert.Equal(403, webhooks!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Keys" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Webhooks" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Usage" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
