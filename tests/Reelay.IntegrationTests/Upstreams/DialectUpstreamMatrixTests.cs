using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reelay.Accounts;
using Reelay.Client;
using Reelay.IntegrationTests.Support;
using Reelay.IntegrationTests.Upstreams.Matrix;
using Reelay.Storage;

namespace Reelay.IntegrationTests.Upstreams;

/// <summary>
/// Issue 4's matrix: for each upstream type, one Reelay server relaying to that upstream's emulator, and a job from
/// each inbound dialect — in that dialect's own wire format and credentials, polled through the same dialect — that
/// completes in the dialect's vocabulary with a downloadable MP4, the emulator having seen exactly one create for it,
/// and the dialect's own webhook reports it (signed, with links that work). The seven jobs of an upstream run at once.
/// </summary>
public sealed class DialectUpstreamMatrixTests
{
    private static readonly string[] Dialects = ["native", "kling", "higgsfield", "highway", "hyprlab", "leonardo", "apiframe"];

    /// <summary>
    /// Dialect/upstream pairs with no model in common, so the job cannot be relayed: APIFrame's dialect asks only for
    /// kling-v1, v1-5 or v1-6, which Higgsfield and Highway (Kling 2.5 Turbo endpoints only) and Leonardo (KLING2_1,
    /// KLING2_5) do not serve; Highway's dialect asks only for Kling 2.5 Turbo and Leonardo's only for KLING2_1/KLING2_5
    /// (or its own models, which run locally), none of which APIFrame serves. Such a job is not among the models the
    /// upstream serves, so Reelay's routing runs it on the default engine (here <c>noop</c>, to spare two cores five ffmpeg renders):
    /// the cell checks exactly that — it still completes through its dialect, and the upstream never sees it — instead of
    /// being skipped.
    /// </summary>
    private static readonly HashSet<(string Dialect, string Upstream)> NoCommonModel =
        [("apiframe", "higgsfield"), ("apiframe", "highway"), ("apiframe", "leonardo"), ("highway", "apiframe"), ("leonardo", "apiframe")];

    private const string DefaultEngine = "noop";

    private static readonly TimeSpan JobDeadline = TimeSpan.FromSeconds(50);
    private static readonly TimeSpan WebhookDeadline = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("kling")]
    [InlineData("higgsfield")]
    [InlineData("highway")]
    [InlineData("hyprlab")]
    [InlineData("leonardo")]
    [InlineData("apiframe")]
    public async Task EveryDialect_RelayedThroughUpstream_CompletesInItsOwnVocabularyWithOneCreate(string upstreamType)
    {
        await using var upstream = await MatrixUpstream.StartAsync(upstreamType);
        // A public base URL lets URL-only upstreams (Higgsfield, APIFrame) fetch stored images and emulators call back.
        var publicBase = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        var settings = upstream.Settings();
        settings["Reelay:PublicBaseUrl"] = publicBase;
        settings["Reelay:Scheduler:MaxConcurrency"] = "4";
        settings["Reelay:Scheduler:RetryDelay"] = "00:00:00.200";
        settings["Reelay:Media:Preset"] = "ultrafast";
        settings["Reelay:DefaultEngine"] = DefaultEngine;
        settings["Reelay:EnableNoopEngine"] = "true";
        await using var sink = await WebhookSink.StartAsync();
        await using var server = await ReelayTestServer.StartAsync(settings, urls: publicBase);
        // Leonardo's callback belongs to the key; set before the key's first request, so no cached copy lacks it.
        Assert.True(await server.Services.GetRequiredService<IKeyStore>().SetAccountCallbackAsync(server.User.Key.Id, sink.Url.ToString(), null, CancellationToken.None));
        var png = await TestMedia.ImageAsync(640, 360);
        await using var image = await ImageServer.StartAsync(png);

        var problems = (await Task.WhenAll(Dialects.Select(d => RunCellAsync(server, upstream, sink, d, png, image.Url)))).OfType<string>().ToList();

        Assert.True(problems.Count == 0, $"{problems.Count} of {Dialects.Length} dialects failed through {upstreamType}:\n" + string.Join("\n", problems));
    }

    /// <summary>Runs one dialect's job through the server; returns what went wrong, or null when the cell holds.</summary>
    private static async Task<string?> RunCellAsync(ReelayTestServer server, MatrixUpstream upstream, WebhookSink sink, string dialectName, byte[] png, Uri imageUrl)
    {
        using var dialect = MatrixDialect.For(dialectName, server);
        var cell = $"{dialectName} → {upstream.Type}";
        var model = dialect.Models.FirstOrDefault(m => upstream.Serves.Contains(m));
        var relayed = model is not null;
        if (relayed == NoCommonModel.Contains((dialectName, upstream.Type)))
            return $"{cell}: expected {(relayed ? "no model" : "a model")} in common (dialect asks {string.Join(", ", dialect.Models)}; upstream serves {string.Join(", ", upstream.Serves)})";
        model ??= dialect.Models[0];
        var prompt = $"matrix {dialectName} via {upstream.Type}";
        string? id = null;
        try
        {
            id = await dialect.CreateAsync(model, prompt, png, imageUrl, sink.Url);
            var (done, seen) = await PollUntilTerminalAsync(dialect, id);
            if (done.Status != dialect.Completed)
                return $"{cell} ({model}, job {id}): ended '{done.Status}', not '{dialect.Completed}': {done.Body}";
            var positions = seen.Select(s => dialect.Lifecycle.ToList().IndexOf(s)).ToList();
            if (positions.Contains(-1) || !positions.SequenceEqual(positions.Order()))
                return $"{cell} ({model}, job {id}): statuses seen [{string.Join(", ", seen)}] are not in the order [{string.Join(", ", dialect.Lifecycle)}]";
            if (await Mp4ProblemAsync(server, done.ResultUrl) is { } mp4) return $"{cell} ({model}, job {id}): {mp4}";
            if (await LinkProblemAsync(server, done.Body) is { } link) return $"{cell} ({model}, job {id}): status answer: {link}";
            if (await WebhookProblemAsync(server, sink, dialect, id) is { } hook) return $"{cell} ({model}, job {id}): webhook: {hook}";

            var job = await server.Services.GetRequiredService<IJobStore>().GetAsync(id, CancellationToken.None);
            var upstreamName = upstream.Type + "-matrix";
            var creates = upstream.CreatesFor(id, prompt);
            if (relayed && (job?.Engine != upstreamName || creates != 1))
                return $"{cell} ({model}, job {id}): ran on '{job?.Engine}' with {creates} creates at the emulator; expected '{upstreamName}' and exactly 1";
            if (!relayed && (job?.Engine != DefaultEngine || creates != 0))
                return $"{cell} ({model}, job {id}): no model in common, yet ran on '{job?.Engine}' with {creates} creates at the emulator";
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or KeyNotFoundException or IndexOutOfRangeException)
        {
            return $"{cell} ({model}, job {id ?? "not created"}): {e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>The dialect's final webhook for the job arrives, signed with the key's webhook secret, and its links work.</summary>
    private static async Task<string?> WebhookProblemAsync(ReelayTestServer server, WebhookSink sink, MatrixDialect dialect, string id)
    {
        if (dialect.WebhookCompleted is not { } marker) return null;
        var clock = Stopwatch.StartNew();
        WebhookSink.Received? final;
        while ((final = sink.Requests.FirstOrDefault(r => r.Body.Contains(id, StringComparison.Ordinal) && r.Body.Contains(marker, StringComparison.Ordinal))) is null)
        {
            if (clock.Elapsed > WebhookDeadline)
            {
                var seen = sink.Requests.Where(r => r.Body.Contains(id, StringComparison.Ordinal)).Select(r => r.Body).ToList();
                return $"no webhook with {marker} within {WebhookDeadline.TotalSeconds} s; {seen.Count} others for the job: {string.Join(" | ", seen)}";
            }
            await Task.Delay(100);
        }
        var verified = new WebhookVerifier(server.User.WebhookSecret).Verify(final.Headers, final.Body);
        if (verified != WebhookVerificationResult.Valid) return $"signature check says {verified}";
        return await LinkProblemAsync(server, JsonDocument.Parse(final.Body).RootElement);
    }

    /// <summary>Every result link in a dialect's JSON (any string naming Reelay's content endpoint) downloads as what it says it is.</summary>
    private static async Task<string?> LinkProblemAsync(ReelayTestServer server, JsonElement body)
    {
        foreach (var link in Strings(body).Where(s => s.Contains("/content", StringComparison.Ordinal) || s.StartsWith("http", StringComparison.Ordinal)))
        {
            if (!Uri.TryCreate(server.BaseAddress, link, out var uri) || uri.Authority != server.BaseAddress.Authority)
            {
                if (link.StartsWith("http", StringComparison.Ordinal)) return $"link {link} is not served by Reelay ({server.BaseAddress})";
                continue;
            }
            using var anonymous = server.Http();
            using var response = await anonymous.GetAsync(uri);
            var type = response.Content.Headers.ContentType?.MediaType;
            if (!response.IsSuccessStatusCode || type is not ("video/mp4" or "image/jpeg"))
                return $"link {link} answered {(int)response.StatusCode} {type}";
            if (type == "video/mp4" && await Mp4ProblemAsync(server, link) is { } mp4) return mp4;
        }
        return null;
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    /// <summary>Polls until the dialect reports a final status; returns the last answer and each change of status seen.</summary>
    private static async Task<(DialectPoll Done, List<string> Seen)> PollUntilTerminalAsync(MatrixDialect dialect, string id)
    {
        var clock = Stopwatch.StartNew();
        var seen = new List<string>();
        while (true)
        {
            var poll = await dialect.PollAsync(id);
            if (seen.Count == 0 || seen[^1] != poll.Status) seen.Add(poll.Status);
            if (poll.Terminal) return (poll, seen);
            if (clock.Elapsed > JobDeadline) throw new TimeoutException($"still '{poll.Status}' after {JobDeadline.TotalSeconds} s: {poll.Body}");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// The link is Reelay's own (an upstream's link would expire and bypass Reelay's storage) and downloads, without
    /// credentials, as an MP4: a video/mp4 answer whose first box is <c>ftyp</c>, and more than a header's worth of bytes.
    /// </summary>
    private static async Task<string?> Mp4ProblemAsync(ReelayTestServer server, string? url)
    {
        if (string.IsNullOrEmpty(url)) return "completed without a result URL";
        if (new Uri(server.BaseAddress, url).Authority != server.BaseAddress.Authority) return $"result {url} is not served by Reelay ({server.BaseAddress})";
        using var anonymous = server.Http();
        using var response = await anonymous.GetAsync(url);
        if (!response.IsSuccessStatusCode) return $"result {url} answered {(int)response.StatusCode}";
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.Content.Headers.ContentType?.MediaType != "video/mp4") return $"result {url} is {response.Content.Headers.ContentType}, not video/mp4";
        if (bytes.Length < 1000 || Encoding.ASCII.GetString(bytes, 4, 4) != "ftyp") return $"result {url} is no MP4 ({bytes.Length} bytes)";
        return null;
    }
}
