using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Reelay.Accounts;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Dialects.Kling;

/// <summary>Kling auth and validation failures: Kling's HTTP status, code, message and request_id — never a 5xx.</summary>
public sealed class KlingErrorTests : IClassFixture<KlingErrorTests.Fixture>
{
    private readonly Fixture _fixture;

    public KlingErrorTests(Fixture fixture) => _fixture = fixture;

    /// <summary>A server whose scheduler is off: these tests only look at answers, nothing needs rendering.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public ReelayTestServer Server { get; private set; } = null!;
        public string Png { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Server = await ReelayTestServer.StartAsync(new Dictionary<string, string?> { ["Reelay:Scheduler:Enabled"] = "false" });
            Png = Convert.ToBase64String(await TestMedia.ImageAsync(400, 400));
        }

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    private ReelayTestServer Server => _fixture.Server;

    [Fact]
    public async Task Create_NoAuthorization_401Code1001()
    {
        using var http = KlingClient.WithToken(Server, null);
        var message = await KlingAssert.ErrorAsync(await http.PostAsync("/v1/videos/text2video", Json.Body(new { prompt = "x" })), HttpStatusCode.Unauthorized, 1001);
        Assert.Contains("empty", message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.")]
    public async Task Create_GarbageToken_401Code1002(string token)
    {
        using var http = KlingClient.WithToken(Server, token);
        await KlingAssert.ErrorAsync(await http.PostAsync("/v1/videos/text2video", Json.Body(new { prompt = "x" })), HttpStatusCode.Unauthorized, 1002);
    }

    [Fact]
    public async Task Create_ReelayTokenInsteadOfJwt_401Code1002()
    {
        using var http = KlingClient.WithToken(Server, Server.User.Token);
        await KlingAssert.ErrorAsync(await http.GetAsync("/v1/videos/text2video"), HttpStatusCode.Unauthorized, 1002);
    }

    [Fact]
    public async Task Create_NotBeforeInFuture_401Code1003()
    {
        var token = KlingTokens.Create(Server.User.Key.Id.ToString(), Server.User.Secret, DateTimeOffset.UtcNow.AddMinutes(5), TimeSpan.FromMinutes(30));
        using var http = KlingClient.WithToken(Server, token);
        await KlingAssert.ErrorAsync(await http.GetAsync("/v1/videos/text2video"), HttpStatusCode.Unauthorized, 1003);
    }

    [Fact]
    public async Task Create_ExpiredToken_401Code1004()
    {
        var token = KlingTokens.Create(Server.User.Key.Id.ToString(), Server.User.Secret, DateTimeOffset.UtcNow.AddHours(-1), TimeSpan.FromMinutes(30));
        using var http = KlingClient.WithToken(Server, token);
        var message = await KlingAssert.ErrorAsync(await http.PostAsync("/v1/videos/text2video", Json.Body(new { prompt = "x" })), HttpStatusCode.Unauthorized, 1004);
        Assert.Contains("expired", message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Create_WrongSecret_401Code1002()
    {
        var token = KlingTokens.Create(Server.User.Key.Id.ToString(), Server.Admin.Secret, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(30));
        using var http = KlingClient.WithToken(Server, token);
        await KlingAssert.ErrorAsync(await http.PostAsync("/v1/videos/text2video", Json.Body(new { prompt = "x" })), HttpStatusCode.Unauthorized, 1002);
    }

    /// <summary>
    /// Forgeries naming a real key: alg "none" (empty signature, or the key's genuine signature moved onto the new
    /// header), another algorithm, and claims changed under a genuine signature (a later exp). Each is 1002.
    /// </summary>
    [Theory]
    [InlineData("none-empty")]
    [InlineData("none-reused-signature")]
    [InlineData("hs512-header")]
    [InlineData("extended-exp")]
    public async Task Create_ForgedTokenForRealKey_401Code1002(string forgery)
    {
        var genuine = KlingTokens.For(Server.User).Split('.');
        var iss = Server.User.Key.Id.ToString();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = forgery switch
        {
            "none-empty" => $"{B64("""{"alg":"none","typ":"JWT"}""")}.{genuine[1]}.",
            "none-reused-signature" => $"{B64("""{"alg":"none","typ":"JWT"}""")}.{genuine[1]}.{genuine[2]}",
            "hs512-header" => $"{B64("""{"alg":"HS512","typ":"JWT"}""")}.{genuine[1]}.{genuine[2]}",
            _ => $"{genuine[0]}.{B64($$"""{"iss":"{{iss}}","exp":{{now + 86400 * 365}},"nbf":{{now - 5}}}""")}.{genuine[2]}",
        };
        using var http = KlingClient.WithToken(Server, token);

        await KlingAssert.ErrorAsync(await http.PostAsync("/v1/videos/text2video", Json.Body(new { prompt = "forged" })), HttpStatusCode.Unauthorized, 1002);
    }

    private static string B64(string json) => System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(json));

    [Fact]
    public async Task Create_UnknownKey_401Code1000()
    {
        var token = KlingTokens.Create(Guid.NewGuid().ToString(), Server.User.Secret, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(30));
        using var http = KlingClient.WithToken(Server, token);
        await KlingAssert.ErrorAsync(await http.PostAsync("/v1/videos/text2video", Json.Body(new { prompt = "x" })), HttpStatusCode.Unauthorized, 1000);
    }

    [Fact]
    public async Task Create_RevokedKey_401Code1000()
    {
        var key = await Server.CreateKeyAsync("kling-revoked");
        using var http = KlingClient.For(Server, key);
        await KlingAssert.SuccessAsync(await http.GetAsync("/v1/videos/text2video"));
        await Server.Services.GetRequiredService<IKeyStore>().RevokeAsync(key.Key.Id, DateTimeOffset.UtcNow, CancellationToken.None);
        Server.Services.GetRequiredService<ApiKeyAuthenticator>().Forget(key.Key.Id);
        await KlingAssert.ErrorAsync(await http.GetAsync("/v1/videos/text2video"), HttpStatusCode.Unauthorized, 1000);
    }

    [Fact]
    public async Task Create_IssuerWithoutHyphens_Accepted()
    {
        var token = KlingTokens.Create(Server.User.Key.Id.ToString("N"), Server.User.Secret, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(30));
        using var http = KlingClient.WithToken(Server, token);
        var data = await KlingAssert.SuccessAsync(await http.PostAsync("/v1/videos/text2video", Json.Body(new { prompt = "hyphenless" })));
        Assert.Equal("submitted", data.GetProperty("task_status").GetString());
    }

    [Theory]
    [InlineData("text2video", """{"prompt":"x","duration":5}""", "duration")]
    [InlineData("text2video", """{"prompt":"x","duration":"7"}""", "duration")]
    [InlineData("text2video", """{"prompt":"x","cfg_scale":2}""", "cfg_scale")]
    [InlineData("text2video", """{"prompt":"x","cfg_scale":"0.5"}""", "cfg_scale")]
    [InlineData("text2video", """{"prompt":"x","model_name":"kling-v9"}""", "model_name")]
    [InlineData("text2video", """{"prompt":"x","model":"kling-v1-5"}""", "model_name")]
    [InlineData("text2video", """{"prompt":"x","model_name":"local"}""", "model_name")]
    [InlineData("text2video", """{"prompt":"x","mode":"ultra"}""", "mode")]
    [InlineData("text2video", """{"prompt":"x","aspect_ratio":"4:3"}""", "aspect_ratio")]
    [InlineData("text2video", """{"negative_prompt":"x"}""", "prompt")]
    [InlineData("text2video", """{"prompt":"x","sound":"on"}""", "sound")]
    [InlineData("text2video", """{"prompt":"x","sound":"loud","model_name":"kling-v2-6"}""", "sound")]
    [InlineData("text2video", """{"prompt":"x","callback_url":"ftp://example.com/cb"}""", "callback_url")]
    [InlineData("text2video", """{"prompt":"x","camera_control":{"type":"spin"}}""", "camera_control.type")]
    [InlineData("text2video", """{"prompt":"x","camera_control":{"type":"simple","config":{"zoom":5,"pan":2}}}""", "camera_control.config")]
    [InlineData("text2video", """{"prompt":"x","camera_control":{"type":"simple","config":{"zoom":11}}}""", "camera_control.config")]
    [InlineData("text2video", """{"prompt":"x","watermark_info":{"enabled":"yes"}}""", "watermark_info.enabled")]
    [InlineData("image2video", """{"prompt":"x"}""", "image")]
    [InlineData("image2video", """{"image":"data:image/png;base64,iVBORw0KGgo="}""", "image")]
    [InlineData("image2video", """{"image":"https://example.com/a.png","image_tail":"https://example.com/b.png","camera_control":{"type":"down_back"}}""", "camera_control")]
    [InlineData("image2video", """{"image":"https://example.com/a.png","static_mask":"https://example.com/m.png","camera_control":{"type":"down_back"}}""", "camera_control")]
    [InlineData("image2video", """{"image":"https://example.com/a.png","dynamic_masks":[{"mask":"https://example.com/m.png","trajectories":[{"x":1,"y":1}]}]}""", "dynamic_masks[0].trajectories")]
    [InlineData("image2video", """{"image":"https://example.com/a.png","dynamic_masks":[1,2,3,4,5,6,7]}""", "dynamic_masks")]
    [InlineData("image2video", """{"image":"https://example.com/a.png","model_name":"kling-v2-6","duration":10}""", "duration")]
    [InlineData("image2video", """{"image":"!!! not base64 !!!"}""", "image")]
    public async Task Create_InvalidField_400Code1201NamingTheField(string kind, string body, string field)
    {
        using var http = KlingClient.For(Server, Server.User);
        var message = await KlingAssert.ErrorAsync(await http.PostAsync($"/v1/videos/{kind}", Json.Raw(body)), HttpStatusCode.BadRequest, 1201);
        Assert.Contains(field + ":", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_PromptTooLong_400Code1201()
    {
        using var http = KlingClient.For(Server, Server.User);
        var message = await KlingAssert.ErrorAsync(await http.PostAsync("/v1/videos/text2video", Json.Body(new { prompt = new string('a', 2501) })), HttpStatusCode.BadRequest, 1201);
        Assert.Contains("prompt:", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_TailOnlyWithoutProOnTurbo_400NamesImageTail()
    {
        using var http = KlingClient.For(Server, Server.User);
        var message = await KlingAssert.ErrorAsync(await http.PostAsync("/v1/videos/image2video", Json.Body(new
        {
            model_name = "kling-v2-5-turbo",
            image = _fixture.Png,
            image_tail = _fixture.Png,
        })), HttpStatusCode.BadRequest, 1201);
        Assert.Contains("image_tail:", message, StringComparison.Ordinal);
        Assert.Contains("pro", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"prompt\": \"x\",")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[1]")]
    public async Task Create_MalformedJson_400Code1200(string body)
    {
        using var http = KlingClient.For(Server, Server.User);
        await KlingAssert.ErrorAsync(await http.PostAsync("/v1/videos/text2video", Json.Raw(body)), HttpStatusCode.BadRequest, 1200);
    }

    [Fact]
    public async Task Create_DuplicateExternalTaskId_400Code1201()
    {
        using var http = KlingClient.For(Server, Server.User);
        var body = new { prompt = "once", external_task_id = "dup-" + Guid.NewGuid().ToString("N") };
        await KlingAssert.SuccessAsync(await http.PostAsync("/v1/videos/text2video", Json.Body(body)));
        var message = await KlingAssert.ErrorAsync(await http.PostAsync("/v1/videos/text2video", Json.Body(body)), HttpStatusCode.BadRequest, 1201);
        Assert.Contains("external_task_id", message, StringComparison.Ordinal);
        // Another account may use the same id.
        using var admin = KlingClient.For(Server, Server.Admin);
        await KlingAssert.SuccessAsync(await admin.PostAsync("/v1/videos/text2video", Json.Body(body)));
    }

    [Fact]
    public async Task Create_TailOnly_UsedAsStartImage()
    {
        using var http = KlingClient.For(Server, Server.User);
        var data = await KlingAssert.SuccessAsync(await http.PostAsync("/v1/videos/image2video", Json.Body(new { image_tail = _fixture.Png })));
        Assert.Equal("submitted", data.GetProperty("task_status").GetString());
    }

    [Fact]
    public async Task Query_UnknownOrForeignTask_404Code1203()
    {
        using var owner = KlingClient.For(Server, Server.Admin);
        var id = (await KlingAssert.SuccessAsync(await owner.PostAsync("/v1/videos/text2video", Json.Body(new { prompt = "mine" }))))
            .GetProperty("task_id").GetString()!;
        using var other = KlingClient.For(Server, Server.User);
        await KlingAssert.ErrorAsync(await other.GetAsync($"/v1/videos/text2video/{id}"), HttpStatusCode.NotFound, 1203);
        await KlingAssert.ErrorAsync(await other.GetAsync("/v1/videos/text2video/no-such-task"), HttpStatusCode.NotFound, 1203);
    }

    [Fact]
    public async Task WrongMethod_KnownPath_404Code1202()
    {
        using var http = KlingClient.For(Server, Server.User);
        await KlingAssert.ErrorAsync(await http.DeleteAsync("/v1/videos/text2video"), HttpStatusCode.NotFound, 1202);
        await KlingAssert.ErrorAsync(await http.PostAsync("/v1/videos/image2video/abc", Json.Body(new { })), HttpStatusCode.NotFound, 1202);
    }
}
