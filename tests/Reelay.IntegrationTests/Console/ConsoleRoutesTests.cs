using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.WebConsole;

/// <summary>The console shares the API's process: it must not change any API answer, and its sessions outlive a restart.</summary>
public sealed partial class ConsoleRoutesTests
{
    [Fact]
    public async Task Routes_ConsoleMounted_ApiAnswersUnchangedAndConsoleAsksToSignIn()
    {
        await using var server = await ReelayTestServer.StartAsync();
        using var http = NoRedirects(server, new CookieContainer());

        var api = await http.GetAsync("/v1/videos");
        var kling = await http.GetAsync("/v1/videos/text2video");
        var health = await http.GetAsync("/healthz");
        var home = await http.GetAsync("/");
        var live = await http.GetAsync("/console/live?ids=x");
        var css = await http.GetAsync("/console/assets/console.css");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(HttpStatusCode.Found, kling.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Found, home.StatusCode);
        Assert.Equal("/sign-in", home.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, live.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.False(api.Headers.Contains("X-Frame-Options"));
        Assert.Equal("DENY", Assert.Single(home.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task SignIn_PostWithoutAntiforgeryToken_IsRejected()
    {
        await using var server = await ReelayTestServer.StartAsync();
        using var http = NoRedirects(server, new CookieContainer());

        var response = await http.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["Token"] = server.Admin.Token,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await http.GetAsync("/")).StatusCode);
    }

    [Theory]
    [InlineData("application/json", "{\"a\":1}")]
    [InlineData("multipart/form-data; boundary=x", "not multipart at all")]
    [InlineData("application/x-www-form-urlencoded", "%%%=%%%")]
    public async Task SignOut_BodyNotAReadableForm_400NotServerError(string contentType, string body)
    {
        // Found by the fuzz campaign: the antiforgery check threw on unreadable forms and the answer was a 500.
        await using var server = await ReelayTestServer.StartAsync();
        using var http = NoRedirects(server, new CookieContainer());
        using var content = new StringContent(body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        var response = await http.PostAsync("/sign-out", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Session_ServerRestartsOnSameDataDir_CookieStillSignsIn()
    {
        var dataDir = TempDirs.Create("reelay-console");
        var settings = new Dictionary<string, string?> { ["Reelay:Security:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        var cookies = new CookieContainer();
        try
        {
            var first = await ReelayTestServer.StartAsync(settings, dataDir);
            var token = first.User.Token;
            using (var http = NoRedirects(first, cookies))
            {
                await SignInAsync(http, token);
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
            }
            await first.App.StopAsync();
            await first.App.DisposeAsync();

            await using var second = await ReelayTestServer.StartAsync(settings, dataDir);
            using var again = NoRedirects(second, cookies);
            var home = await again.GetAsync("/");

            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Contains("Sign out", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(dataDir, "console-keys"), "key-*.xml"));
        }
        finally
        {
            TempDirs.Delete(dataDir);
        }
    }

    private static HttpClient NoRedirects(ReelayTestServer server, CookieContainer cookies) => ConsoleSignIn.Client(server.BaseAddress, cookies);

    private static Task SignInAsync(HttpClient http, string token) => ConsoleSignIn.SignInAsync(http, token);
}
