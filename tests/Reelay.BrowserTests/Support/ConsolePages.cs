using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reelay.Accounts;

namespace Reelay.BrowserTests.Support;

/// <summary>Steps several tests take in the console.</summary>
public static partial class ConsolePages
{
    public static async Task SignInAsync(IPage page, IssuedKey key)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("API key").FillAsync(key.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Signed in once the browser has left /sign-in. An assertion on the URL polls it and waits for nothing else:
        // WaitForURL also waits for the next page's load event, and when the redirect had committed before it looked
        // (click can return after that) it sometimes waited out its whole timeout under CI load with the page long loaded.
        await Assertions.Expect(page).Not.ToHaveURLAsync(SignInPath());
    }

    [GeneratedRegex("/sign-in")]
    private static partial Regex SignInPath();

    /// <summary>Saves a full-page PNG under artifacts/screenshots/.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png"), FullPage = true });
}
