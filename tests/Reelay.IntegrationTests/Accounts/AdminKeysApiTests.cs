using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Accounts;

public sealed class AdminKeysApiTests(KeyLimitsServerFixture fixture) : IClassFixture<KeyLimitsServerFixture>
{
    private ReelayTestServer Server => fixture.Server;

    [Fact]
    public async Task CreateKey_AdminWithLimits_201SecretsOnceAndLimitsStored()
    {
        using var admin = Server.Http(Server.Admin);

        using var created = await admin.PostAsync("/v1/admin/keys", Json.Body(new
        {
            name = "team-a", role = "user", requests_per_minute = 30, max_concurrent_jobs = 2, allowed_models = new[] { "kling-v2-5-turbo" },
        }));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Json.ReadAsync(created);
        Assert.StartsWith("rly_", body.GetProperty("token").GetString());
        Assert.StartsWith("whsec_", body.GetProperty("webhook_secret").GetString());
        var id = body.GetProperty("key").GetProperty("id").GetString()!;

        using var shown = await admin.GetAsync($"/v1/admin/keys/{id}");
        var key = await Json.ReadAsync(shown);
        Assert.Equal(("team-a", "user", 30, 2), (key.GetProperty("name").GetString(), key.GetProperty("role").GetString(),
            key.GetProperty("requests_per_minute").GetInt32(), key.GetProperty("max_concurrent_jobs").GetInt32()));
        Assert.Equal(["kling-v2-5-turbo"], key.GetProperty("allowed_models").EnumerateArray().Select(m => m.GetString()));
        Assert.False(key.TryGetProperty("secret", out _));
        Assert.False(key.TryGetProperty("token", out _));

        using var listed = await admin.GetAsync("/v1/admin/keys");
        var list = await Json.ReadAsync(listed);
        Assert.Contains(list.GetProperty("data").EnumerateArray(), k => k.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task CreateKey_NewKeyToken_AuthenticatesOnNativeApi()
    {
        using var admin = Server.Http(Server.Admin);
        var body = await Json.ReadAsync(await admin.PostAsync("/v1/admin/keys", Json.Body(new { name = "fresh" })));
        using var client = new HttpClient { BaseAddress = Server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("token").GetString());

        using var response = await client.GetAsync("/v1/videos");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/v1/admin/keys")]
    [InlineData("POST", "/v1/admin/keys")]
    [InlineData("PATCH", "/v1/admin/keys/00000000-0000-0000-0000-000000000001")]
    [InlineData("DELETE", "/v1/admin/keys/00000000-0000-0000-0000-000000000001")]
    [InlineData("POST", "/v1/admin/keys/00000000-0000-0000-0000-000000000001/webhook-secret/rotate")]
    public async Task AdminApi_UserKey_403Problem(string method, string path)
    {
        using var user = Server.Http(Server.User);

        using var response = await user.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json.Raw("{}") });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("forbidden", (await Json.ReadAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AdminApi_NoKey_401Problem()
    {
        using var anonymous = Server.Http();

        using var response = await anonymous.GetAsync("/v1/admin/keys");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task UpdateKey_SetThenClearLimit_OnlyNamedFieldsChange()
    {
        using var admin = Server.Http(Server.Admin);
        var id = await CreateAsync(admin, new { name = "patch-me", max_concurrent_jobs = 4 });

        var set = await PatchAsync(admin, id, """{"requests_per_minute": 12}""");
        Assert.Equal((12, 4), (set.GetProperty("requests_per_minute").GetInt32(), set.GetProperty("max_concurrent_jobs").GetInt32()));

        var cleared = await PatchAsync(admin, id, """{"max_concurrent_jobs": null, "name": "renamed"}""");
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("max_concurrent_jobs").ValueKind);
        Assert.Equal(12, cleared.GetProperty("requests_per_minute").GetInt32());
        Assert.Equal("renamed", cleared.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("""{"requests_per_minute": 0}""", "requests_per_minute")]
    [InlineData("""{"max_concurrent_jobs": "3"}""", "max_concurrent_jobs")]
    [InlineData("""{"allowed_models": ["ok", 3]}""", "allowed_models")]
    [InlineData("""{"max_concurent_jobs": 3}""", "max_concurent_jobs")]
    public async Task UpdateKey_InvalidField_422NamingIt(string body, string field)
    {
        using var admin = Server.Http(Server.Admin);
        var id = await CreateAsync(admin, new { name = "invalid" });

        using var response = await admin.PatchAsync($"/v1/admin/keys/{id}", Json.Raw(body));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await Json.ReadAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task RevokeKey_ActiveKey_204AndKeyNoLongerAuthenticates()
    {
        using var admin = Server.Http(Server.Admin);
        var created = await Json.ReadAsync(await admin.PostAsync("/v1/admin/keys", Json.Body(new { name = "doomed" })));
        var id = created.GetProperty("key").GetProperty("id").GetString();

        using var revoked = await admin.DeleteAsync($"/v1/admin/keys/{id}");
        using var again = await admin.DeleteAsync($"/v1/admin/keys/{id}");
        using var unknown = await admin.DeleteAsync($"/v1/admin/keys/{Guid.NewGuid()}");

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NotFound), (revoked.StatusCode, again.StatusCode, unknown.StatusCode));
        using var client = new HttpClient { BaseAddress = Server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/v1/videos")).StatusCode);
        var shown = await Json.ReadAsync(await admin.GetAsync($"/v1/admin/keys/{id}"));
        Assert.Equal("revoked", shown.GetProperty("state").GetString());
    }

    [Fact]
    public async Task RotateWebhookSecret_ActiveKey_NewSecretAndGraceEndReturned()
    {
        using var admin = Server.Http(Server.Admin);
        var created = await Json.ReadAsync(await admin.PostAsync("/v1/admin/keys", Json.Body(new { name = "rotating" })));
        var id = created.GetProperty("key").GetProperty("id").GetString();

        using var response = await admin.PostAsync($"/v1/admin/keys/{id}/webhook-secret/rotate", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.NotEqual(created.GetProperty("webhook_secret").GetString(), body.GetProperty("webhook_secret").GetString());
        Assert.Equal(2, body.GetProperty("key").GetProperty("webhook_secret_generation").GetInt32());
        var rotatedAt = body.GetProperty("key").GetProperty("webhook_secret_rotated_at").GetInt64();
        Assert.Equal(rotatedAt + 24 * 3600, body.GetProperty("previous_secret_valid_until").GetInt64());
    }

    private static async Task<string> CreateAsync(HttpClient admin, object body)
    {
        using var response = await admin.PostAsync("/v1/admin/keys", Json.Body(body));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Json.ReadAsync(response)).GetProperty("key").GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> PatchAsync(HttpClient admin, string id, string body)
    {
        using var response = await admin.PatchAsync($"/v1/admin/keys/{id}", Json.Raw(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json.ReadAsync(response);
    }
}
