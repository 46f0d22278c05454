using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Reelay.Accounts;
using Reelay.IntegrationTests.Dialects.Kling;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Credits;

/// <summary>
/// A key whose balance cannot pay for a video is refused by every API in that API's own error shape, and nothing is
/// created; the balance, top-up and usage endpoints report what happened.
/// </summary>
public sealed class InsufficientCreditsTests : IAsyncLifetime
{
    private ReelayTestServer _server = null!;
    private IssuedKey _poor = null!;

    public async Task InitializeAsync()
    {
        _server = await ReelayTestServer.StartAsync();
        _poor = await _server.CreateKeyAsync("poor");
        using var admin = _server.Http(_server.Admin);
        using var topUp = await admin.PostAsync($"/v1/admin/keys/{_poor.Key.Id}/credits", Json.Body(new { amount = 0.5 }));
        Assert.Equal(HttpStatusCode.OK, topUp.StatusCode);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string json, Action<HttpRequestHeaders> auth)
    {
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        auth(request.Headers);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private void Bearer(HttpRequestHeaders h) => h.Authorization = new AuthenticationHeaderValue("Bearer", _poor.Token);

    [Fact]
    public async Task CreateEveryDialect_BalanceBelowPrice_RefusedInEachShapeAndNothingCreated()
    {
        var native = await PostAsync("/v1/videos", """{"prompt":"a fox","duration":5}""", Bearer);
        Assert.Equal(HttpStatusCode.PaymentRequired, native.Status);
        Assert.Equal("insufficient_credits", native.Body.GetProperty("code").GetString());
        Assert.Equal(1m, native.Body.GetProperty("price").GetDecimal());

        var kling = await PostAsync("/compat/kling/v1/videos/text2video", """{"model_name":"kling-v2-6","prompt":"a fox"}""",
            h => h.Authorization = new AuthenticationHeaderValue("Bearer", KlingTokens.For(_poor)));
        Assert.Equal(HttpStatusCode.TooManyRequests, kling.Status);
        Assert.Equal(1102, kling.Body.GetProperty("code").GetInt32());
        Assert.True(Guid.TryParse(kling.Body.GetProperty("request_id").GetString(), out _));

        var higgsfield = await PostAsync("/compat/higgsfield/generate/kling-2-5", """{"params":{"prompt":"a fox"}}""", h =>
        {
            h.Add("hf-api-key", _poor.Key.Id.ToString());
            h.Add("hf-secret", _poor.Secret);
        });
        Assert.Equal(HttpStatusCode.Forbidden, higgsfield.Status);
        Assert.StartsWith("Not enough credits", higgsfield.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var highway = await PostAsync("/compat/highway/v3/async/kling-2.5-turbo-t2v", """{"prompt":"a fox"}""", Bearer);
        Assert.Equal(HttpStatusCode.Forbidden, highway.Status);
        Assert.Equal(403, highway.Body.GetProperty("code").GetInt32());
        Assert.Equal("NOT_ENOUGH_BALANCE", highway.Body.GetProperty("reason").GetString());

        var hyprlab = await PostAsync("/compat/hyprlab/v1/video/generations", """{"model":"kling-v2","prompt":"a fox"}""", Bearer);
        Assert.Equal(HttpStatusCode.TooManyRequests, hyprlab.Status);
        Assert.Equal("insufficient_quota", hyprlab.Body.GetProperty("error").GetProperty("type").GetString());

        var leonardo = await PostAsync("/compat/leonardo/api/rest/v1/generations-text-to-video",
            """{"prompt":"neon city","model":"veo3fast","duration":4,"resolution":"RESOLUTION_480","height":480,"width":854}""", Bearer);
        Assert.Equal(HttpStatusCode.PaymentRequired, leonardo.Status);
        Assert.Equal("insufficient-credits", leonardo.Body.GetProperty("code").GetString());
        Assert.Equal("$", leonardo.Body.GetProperty("path").GetString());

        var apiframe = await PostAsync("/compat/apiframe/kling-imagine", """{"prompt":"a fox","generation_type":"text2video"}""",
            h => h.TryAddWithoutValidation("Authorization", _poor.Token));
        Assert.Equal(HttpStatusCode.PaymentRequired, apiframe.Status);
        Assert.Contains("Insufficient credits", apiframe.Body.GetProperty("errors")[0].GetProperty("msg").GetString(), StringComparison.Ordinal);

        using var http = _server.Http(_poor);
        var list = await Json.GetAsync(http, "/v1/videos");
        Assert.Equal(0, list.GetProperty("data").GetArrayLength());
        var balance = await Json.GetAsync(http, "/v1/balance");
        Assert.False(balance.GetProperty("unlimited").GetBoolean());
        Assert.Equal(0.5m, balance.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task CreateLeonardo_ResolutionPricedApart_480pRefusedWhere720pFits()
    {
        // 4 s at std@480p costs 4 × 0.25 = 1.0, at std (720p) 4 × 0.2 = 0.8: a balance of 0.9 pays for one only.
        var key = await _server.CreateKeyAsync("resolution-priced");
        using (var admin = _server.Http(_server.Admin))
        using (var topUp = await admin.PostAsync($"/v1/admin/keys/{key.Key.Id}/credits", Json.Body(new { amount = 0.9 })))
            Assert.Equal(HttpStatusCode.OK, topUp.StatusCode);
        void KeyBearer(HttpRequestHeaders h) => h.Authorization = new AuthenticationHeaderValue("Bearer", key.Token);
        const string Path = "/compat/leonardo/api/rest/v1/generations-text-to-video";

        var sd = await PostAsync(Path, """{"prompt":"neon city","model":"veo3fast","duration":4,"resolution":"RESOLUTION_480","height":480,"width":854}""", KeyBearer);
        var hd = await PostAsync(Path, """{"prompt":"neon city","model":"veo3fast","duration":4,"resolution":"RESOLUTION_720","height":720,"width":1280}""", KeyBearer);

        Assert.Equal(HttpStatusCode.PaymentRequired, sd.Status);
        Assert.Equal(HttpStatusCode.OK, hd.Status);
        using var http = _server.Http(key);
        Assert.Equal(0.1m, (await Json.GetAsync(http, "/v1/balance")).GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task Usage_UserAndAdminAsCsv_EachSeesWhatTheyMay()
    {
        using var user = _server.Http(_server.User);
        var created = await Json.PostAsync(user, "/v1/videos", new { prompt = "usage", duration = 2 });
        await Json.WaitTerminalAsync(user, created.GetProperty("id").GetString()!, TimeSpan.FromSeconds(60));

        var mine = await Json.GetAsync(user, "/v1/usage?group_by=key");
        var row = Assert.Single(mine.GetProperty("data").EnumerateArray());
        Assert.Equal(_server.User.Key.Id.ToString(), row.GetProperty("group").GetString());
        Assert.Equal(0.4m, row.GetProperty("charged").GetDecimal()); // local, 2 s std × 0.2
        using var foreign = await user.GetAsync($"/v1/usage?key_id={_poor.Key.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);

        using var admin = _server.Http(_server.Admin);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/usage?group_by=key");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var csv = await admin.SendAsync(request);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("key_id,jobs,settled,refunds,reserved,refunded,charged,topups", lines[0]);
        Assert.Contains($"{_server.User.Key.Id},1,1,0,0.4,0,0.4,0", lines);
        Assert.Contains($"{_poor.Key.Id},0,0,0,0,0,0,0.5", lines);
    }

    [Fact]
    public async Task TopUp_UserKey_Forbidden()
    {
        using var user = _server.Http(_server.User);
        using var response = await user.PostAsync($"/v1/admin/keys/{_server.User.Key.Id}/credits", Json.Body(new { amount = 100 }));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
