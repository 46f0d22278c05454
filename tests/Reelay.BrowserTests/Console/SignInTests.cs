using Microsoft.Playwright;
using Reelay.BrowserTests.Support;

namespace Reelay.BrowserTests.WebConsole;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture fixture)
{
    [Fact]
    public async Task SignIn_ValidKey_ShowsGalleryAndHttpOnlyStrictCookie()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Contains("/sign-in", page.Url, StringComparison.Ordinal);
        await ConsolePages.ScreenshotAsync(page, "sign-in");

        await ConsolePages.SignInAsync(page, fixture.User);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Jobs", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("header")).ToContainTextAsync("alice");
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "reelay_console");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain(fixture.User.Secret, cookie.Value, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_UnknownKey_StaysOnSignInWithError()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/sign-in");

        await page.GetByLabel("API key").FillAsync("rly_00000000000000000000000000000000.not-a-real-secret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not accepted");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "reelay_console");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignOut_SignedIn_EndsSessionAndPagesAskToSignInAgain()
    {
        var page = await fixture.NewPageAsync();
        await ConsolePages.SignInAsync(page, fixture.User);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/sign-in");
        await page.GotoAsync("/new");

        Assert.Contains("/sign-in?returnUrl=%2Fnew", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "reelay_console");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Upstreams_AdminAndUser_AdminSeesHealthUserIsRefused()
    {
        var admin = await fixture.NewPageAsync();
        await ConsolePages.SignInAsync(admin, fixture.Admin);
        var adminResponse = await admin.GotoAsync("/admin/upstreams");
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Upstream health" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Upstreams" })).ToBeVisibleAsync();
        await ConsolePages.ScreenshotAsync(admin, "upstreams");

        var user = await fixture.NewPageAsync();
        await ConsolePages.SignInAsync(user, fixture.User);
        var userResponse = await user.GotoAsync("/admin/upstreams");

        Assert.Equal(200, adminResponse!.Status);
        Assert.Equal(403, userResponse!.Status);
        await Assertions.Expect(user.GetByRole(AriaRole.Alert)).ToContainTextAsync("admin keys only");
        await Assertions.Expect(user.GetByRole(AriaRole.Link, new() { Name = "Upstreams" })).ToHaveCountAsync(0);
        await admin.Context.CloseAsync();
        await user.Context.CloseAsync();
    }
}
