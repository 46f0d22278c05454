using Microsoft.Playwright;
using Reelay.Accounts;

namespace Reelay.BrowserTests.Support;

/// <summary>
/// One Reelay server and one headless Debian chromium for the whole suite (starting either per test would cost more
/// than the tests). Each test gets its own browser context, so cookies never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private IPlaywright? _playwright;

    public ConsoleServer Server { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public IssuedKey Admin { get; private set; } = null!;
    public IssuedKey User { get; private set; } = null!;
    public IssuedKey OtherUser { get; private set; } = null!;

    /// <summary>Where screenshots go: artifacts/screenshots/ at the repository root.</summary>
    public static string ScreenshotDir { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        Server = await ConsoleServer.StartAsync();
        Admin = await Server.CreateKeyAsync("admin", ApiKeyRole.Admin);
        User = await Server.CreateKeyAsync("alice");
        OtherUser = await Server.CreateKeyAsync("bob");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        Directory.CreateDirectory(ScreenshotDir);
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        // Generous bounds, not waits: every step returns as soon as its condition holds. Two cores shared with the
        // server, chromium and other test processes can stall a step for seconds.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reelay.slnx"))) return dir.FullName;
        }
        return AppContext.BaseDirectory;
    }
}
