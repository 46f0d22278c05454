using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reelay.Accounts;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Dialects.Leonardo;

/// <summary>
/// One server for the Leonardo suite, plus a key whose Leonardo callback points at a webhook sink with a callback key.
/// The callback is set before the key's first request, so no cached copy of the key lacks it.
/// </summary>
public sealed class LeonardoServerFixture : IAsyncLifetime
{
    public const string CallbackKey = "cb-key-for-leonardo-tests";
    public const string Base = "/api/rest/v1";

    public ReelayTestServer Server { get; private set; } = null!;
    public WebhookSink Sink { get; private set; } = null!;
    public IssuedKey CallbackUser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sink = await WebhookSink.StartAsync();
        Server = await ReelayTestServer.StartAsync();
        CallbackUser = await Server.CreateKeyAsync("leonardo-callbacks");
        var set = await Server.Services.GetRequiredService<IKeyStore>()
            .SetAccountCallbackAsync(CallbackUser.Key.Id, Sink.Url.ToString(), CallbackKey, CancellationToken.None);
        if (!set) throw new InvalidOperationException("callback not set");
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Sink.DisposeAsync();
    }

    public HttpClient Http(IssuedKey? key) => Server.Http(key);

    /// <summary>POST JSON; returns status and parsed body (never throws on error statuses).</summary>
    public static async Task<(int Status, JsonElement Body)> PostAsync(HttpClient http, string path, string json)
    {
        using var response = await http.PostAsync(path, Json.Raw(json));
        return ((int)response.StatusCode, await Json.ReadAsync(response));
    }

    /// <summary>init-image → multipart POST of <paramref name="file"/> with every issued field; returns the image id and the upload status.</summary>
    public static async Task<(string Id, int UploadStatus, JsonElement Upload)> UploadAsync(HttpClient http, byte[] file, string extension = "png",
        Func<Dictionary<string, string>, Dictionary<string, string>>? tamper = null)
    {
        var (status, body) = await PostAsync(http, $"{Base}/init-image", $$"""{"extension":"{{extension}}"}""");
        Assert.Equal(200, status);
        var upload = body.GetProperty("uploadInitImage");
        var fields = JsonSerializer.Deserialize<Dictionary<string, string>>(upload.GetProperty("fields").GetString()!)!;
        if (tamper is not null) fields = tamper(fields);
        using var form = new MultipartFormDataContent();
        foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(extension == "png" ? "image/png" : "application/octet-stream");
        form.Add(content, "file", $"upload.{extension}");
        // The upload URL is used as returned, without credentials (as a client posting to S3 would).
        using var anonymous = new HttpClient();
        using var response = await anonymous.PostAsync(upload.GetProperty("url").GetString(), form);
        return (upload.GetProperty("id").GetString()!, (int)response.StatusCode, upload);
    }

    /// <summary>Polls GET /generations/{id} until COMPLETE or FAILED; returns every status seen and the last body.</summary>
    public static async Task<(List<string> Seen, JsonElement Generation)> WaitDoneAsync(HttpClient http, string id)
    {
        var seen = new List<string>();
        var last = await Eventually.ReturnsAsync(
            async () =>
            {
                var g = (await Json.GetAsync(http, $"{Base}/generations/{id}")).GetProperty("generations_by_pk");
                var s = g.GetProperty("status").GetString()!;
                if (seen.Count == 0 || seen[^1] != s) seen.Add(s);
                return g;
            },
            g => g.GetProperty("status").GetString() is "COMPLETE" or "FAILED",
            TimeSpan.FromSeconds(60),
            $"generation {id} finishing");
        return (seen, last);
    }
}
