using Microsoft.Playwright;
using Reelay.Accounts;

namespace Reelay.BrowserTests.Support;

/// <summary>Steps several tests take in the console.</summary>
public static class ConsolePages
{
    public static async Task SignInAsync(IPage page, IssuedKey key)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("API key").FillAsync(key.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
    }

    /// <summary>Saves a full-page PNG under artifacts/screenshots/.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png"), FullPage = true });
}
