using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Dialects.ApiFrame;

/// <summary>
/// One Reelay server, webhook sink and image host shared by the APIFrame suite (jobs are told apart by task id),
/// plus raw-wire helpers: requests carry the token the APIFrame way, in a bare <c>Authorization</c> header.
/// </summary>
public sealed class ApiFrameServer : IAsyncLifetime
{
    public ReelayTestServer Server { get; private set; } = null!;
    public WebhookSink Sink { get; private set; } = null!;
    public ImageHost Images { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await ReelayTestServer.StartAsync();
        Sink = await WebhookSink.StartAsync();
        Images = await ImageHost.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Images.DisposeAsync();
        await Sink.DisposeAsync();
        await Server.DisposeAsync();
    }

    /// <summary>A client sending <c>Authorization: &lt;authorization&gt;</c> verbatim (none when null).</summary>
    public HttpClient Client(string? authorization)
    {
        var http = Server.Http();
        if (authorization is not null) http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        return http;
    }

    public HttpClient UserClient() => Client(Server.User.Token);

    public static StringContent JsonBody(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    public static async Task<(int Status, string Text)> PostAsync(HttpClient http, string path, string json)
    {
        using var response = await http.PostAsync(path, JsonBody(json));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Creates a task and returns its id, failing with the answer when it is not 200.</summary>
    public async Task<string> CreateAsync(object body)
    {
        using var http = UserClient();
        var (status, text) = await PostAsync(http, "/kling-imagine", JsonSerializer.Serialize(body));
        Assert.True(status == 200, $"{status}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("task_id").GetString()!;
    }

    public async Task<JsonElement> FetchAsync(string id)
    {
        using var http = UserClient();
        var (status, text) = await PostAsync(http, "/fetch", JsonSerializer.Serialize(new { task_id = id }));
        Assert.True(status == 200, $"{status}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Polls <c>/fetch</c> until the task is finished or failed, returning every answer seen.</summary>
    public async Task<List<JsonElement>> FetchUntilDoneAsync(string id)
    {
        var seen = new List<JsonElement>();
        await Eventually.ReturnsAsync(async () =>
        {
            var task = await FetchAsync(id);
            seen.Add(task);
            return task;
        }, t => t.GetProperty("status").GetString() is "finished" or "failed", TimeSpan.FromSeconds(60), $"task {id} finishing");
        return seen;
    }

    public static string[] PropertyNames(JsonElement obj) => [.. obj.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
