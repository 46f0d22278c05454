using System.Net;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Security;

/// <summary>
/// Per-key isolation beyond the job endpoints (IdempotencyAndIsolationTests and each dialect's foreign-id tests cover
/// get, list, cancel, events, content and every dialect's query): a job's webhook deliveries, usage, and the console's
/// file and usage routes answer only to the owner (or an admin).
/// </summary>
public sealed class CrossKeyIsolationTests
{
    [Fact]
    public async Task WebhooksUsageAndConsole_AnotherKeysJob_NotExposed()
    {
        await using var server = await ReelayTestServer.StartAsync();
        using var owner = server.Http(server.User);
        var stranger = await server.CreateKeyAsync("stranger-2");
        using var other = server.Http(stranger);
        var id = (await Json.PostAsync(owner, "/v1/videos", new { prompt = "mine too", duration = 1, webhook = new { url = "http://127.0.0.1:9/hook" } })).GetProperty("id").GetString()!;
        Assert.Equal("completed", (await Json.WaitTerminalAsync(owner, id)).GetProperty("status").GetString());

        // The owner sees its deliveries, its usage and its file in the console; the stranger sees none of them.
        using (var mine = await owner.GetAsync($"/v1/videos/{id}/webhooks")) Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        using (var theirs = await other.GetAsync($"/v1/videos/{id}/webhooks")) Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        using (var usage = await other.GetAsync($"/v1/usage?key_id={server.User.Key.Id}")) Assert.Equal(HttpStatusCode.Forbidden, usage.StatusCode);
        var ownUsage = await Json.GetAsync(other, "/v1/usage?group_by=key");
        Assert.DoesNotContain(server.User.Key.Id.ToString(), ownUsage.GetRawText(), StringComparison.OrdinalIgnoreCase);

        foreach (var (key, expected) in new[] { (server.User, HttpStatusCode.OK), (stranger, HttpStatusCode.NotFound) })
        {
            using var console = ConsoleSignIn.Client(server.BaseAddress, new CookieContainer());
            await ConsoleSignIn.SignInAsync(console, key.Token);
            using var file = await console.GetAsync($"/console/jobs/{id}/content?variant=poster");
            Assert.Equal(expected, file.StatusCode);
            using var csv = await console.GetAsync($"/console/usage.csv?group_by=key&key={server.User.Key.Id}");
            Assert.Equal(key == stranger, !(await csv.Content.ReadAsStringAsync()).Contains(server.User.Key.Id.ToString(), StringComparison.OrdinalIgnoreCase));
        }
    }
}
