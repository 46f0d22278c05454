using Microsoft.Playwright;
using Reelay.BrowserTests.Support;
using Reelay.WebConsole;

namespace Reelay.BrowserTests.WebConsole;

[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture fixture)
{
    /// <summary>Records every CSP violation the page reports, across navigations (the list lives in sessionStorage).</summary>
    private const string RecordViolations = """
        document.addEventListener("securitypolicyviolation", e => {
          const seen = JSON.parse(sessionStorage.getItem("csp") || "[]");
          seen.push(e.violatedDirective + " " + e.blockedURI);
          sessionStorage.setItem("csp", JSON.stringify(seen));
        });
        """;

    [Fact]
    public async Task EveryPage_AdminWithAJobAndAnImagePreview_ServesThePolicyAndBreaksNothing()
    {
        var job = await LocalJobs.RunAsync(fixture.Server, fixture.Admin.Key.Id, 1, "csp walk");
        var image = await TestImages.PngAsync(640, 360);
        try
        {
            var page = await fixture.NewPageAsync();
            await page.AddInitScriptAsync(RecordViolations);
            await ConsolePages.SignInAsync(page, fixture.Admin);
            var policies = new List<string?>();
            foreach (var path in new[] { "/", $"/jobs/{job.Id}", "/usage", "/admin/keys", "/admin/upstreams", "/admin/webhooks", "/new" })
            {
                var response = await page.GotoAsync(path);
                policies.Add(await response!.HeaderValueAsync("content-security-policy"));
            }
            // The create form's preview shows the chosen file through a blob: URL, which the policy must allow.
            await page.Locator("#start-image").SetInputFilesAsync(image);
            await Assertions.Expect(page.Locator("#start-preview")).ToBeVisibleAsync();
            await page.GotoAsync($"/jobs/{job.Id}");
            await page.WaitForFunctionAsync("() => { const v = document.querySelector('video'); return v !== null && v.readyState >= 1; }");
            var violations = await page.EvaluateAsync<string>("sessionStorage.getItem('csp') || '[]'");

            Assert.All(policies, p => Assert.Equal(ConsoleEndpoints.ContentSecurityPolicy, p));
            Assert.Equal("[]", violations);
            await page.Context.CloseAsync();
        }
        finally
        {
            File.Delete(image);
        }
    }

    [Fact]
    public async Task InlineScript_InjectedIntoAConsolePage_IsRefused()
    {
        var page = await fixture.NewPageAsync();
        await page.AddInitScriptAsync(RecordViolations);
        await page.GotoAsync("/sign-in");

        // What an escaping mistake would amount to: markup with an inline handler and an inline script in the page.
        await page.EvaluateAsync("""
            () => {
              const s = document.createElement("script");
              s.textContent = "window.__ran = true";
              document.body.appendChild(s);
              document.body.insertAdjacentHTML("beforeend", '<img src="/nope" onerror="window.__ran = true">');
            }
            """);
        var violations = await Poll.UntilAsync(async () =>
        {
            var seen = await page.EvaluateAsync<string[]>("JSON.parse(sessionStorage.getItem('csp') || '[]')");
            return seen.Length >= 2 ? seen : null;
        }, 15);

        Assert.False(await page.EvaluateAsync<bool>("window.__ran === true"));
        Assert.All(violations, v => Assert.StartsWith("script-src", v, StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }
}
