using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Reelay.Client;

/// <summary>
/// Client for Reelay's native video API. Thread-safe; create one per server and reuse it.
/// Failed requests throw <see cref="ReelayApiException"/> with the server's problem details.
/// Methods are virtual so the client can be mocked.
/// </summary>
public class VideosClient : IDisposable
{
    private const string ProblemJson = "application/problem+json";

    private readonly HttpClient _http = null!;
    private readonly bool _ownsHttp;
    private readonly Uri _videos = null!;
    private readonly string _apiKey = "";
    private readonly VideosClientOptions? _options;

    /// <summary>For mocking only.</summary>
    protected VideosClient() { }

    /// <summary>Creates a client for the server at <paramref name="endpoint"/>.</summary>
    public VideosClient(Uri endpoint, string apiKey) : this(new VideosClientOptions { Endpoint = endpoint, ApiKey = apiKey }) { }

    /// <summary>Creates a client from options.</summary>
    /// <exception cref="ArgumentException">The endpoint is not an absolute http(s) URI, or the API key is empty.</exception>
    public VideosClient(VideosClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Endpoint is not { IsAbsoluteUri: true } endpoint || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException("Endpoint must be an absolute http(s) URI", nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ApiKey, nameof(options.ApiKey));
        _options = options;
        _apiKey = options.ApiKey;
        var baseUri = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        _videos = new Uri(baseUri, "v1/videos");
        if (options.HttpClient is { } shared)
        {
            _http = shared;
        }
        else
        {
            _http = new HttpClient { Timeout = options.Timeout };
            _ownsHttp = true;
        }
    }

    /// <summary>Starts generating a video. Returns it as created (201), or the original video when the idempotency key was seen before (200).</summary>
    public virtual async Task<Video> CreateAsync(CreateVideoRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, _videos)
        {
            Content = JsonContent.Create(request, options: ClientJson.Options),
        };
        if (request.IdempotencyKey is { } key) message.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        if (request.Wait is { } wait) AddPreferWait(message, wait);
        using var response = await SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await ReadVideoAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets a video's current state.</summary>
    public virtual Task<Video> GetAsync(string id, CancellationToken cancellationToken = default) =>
        GetCoreAsync(id, null, cancellationToken);

    /// <summary>
    /// Gets a video, letting the server hold the response until the video is final or <paramref name="wait"/>
    /// (whole seconds) has passed (<c>Prefer: wait</c>). Keep the wait below <see cref="VideosClientOptions.Timeout"/>.
    /// </summary>
    public virtual Task<Video> GetAsync(string id, TimeSpan wait, CancellationToken cancellationToken = default) =>
        GetCoreAsync(id, wait, cancellationToken);

    /// <summary>Lists videos, newest first, one page at a time.</summary>
    /// <param name="limit">Page size; the server applies its default and maximum.</param>
    /// <param name="after">The <see cref="VideoList.NextCursor"/> of the previous page.</param>
    /// <param name="status">Only videos in this state.</param>
    public virtual async Task<VideoList> ListAsync(int? limit = null, string? after = null, VideoStatus? status = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (limit is { } l) query.Add("limit=" + l.ToString(CultureInfo.InvariantCulture));
        if (after is not null) query.Add("after=" + Uri.EscapeDataString(after));
        if (status is { } s) query.Add("status=" + WireName(s));
        var uri = query.Count == 0 ? _videos : new Uri(_videos + "?" + string.Join('&', query));
        using var message = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync<VideoList>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels a video that has not finished.</summary>
    /// <exception cref="ReelayApiException">409 when the video is already final.</exception>
    public virtual async Task<Video> CancelAsync(string id, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, VideoUri(id, "/cancel"));
        using var response = await SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await ReadVideoAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Downloads one rendition of a completed video into <paramref name="destination"/>.</summary>
    public virtual async Task DownloadAsync(string id, VideoVariant variant, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var message = new HttpRequestMessage(HttpMethod.Get, VideoUri(id, "/content?variant=" + WireName(variant)));
        using var response = await SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await response.Content.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads one rendition of a completed video to a file. The file appears under <paramref name="path"/> only
    /// when complete (it is written beside it first), so a failed download never leaves a truncated file there.
    /// </summary>
    public virtual async Task DownloadAsync(string id, VideoVariant variant, string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var partial = path + ".partial";
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                await DownloadAsync(id, variant, file, cancellationToken).ConfigureAwait(false);
            File.Move(partial, path, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>
    /// Streams a video's events (server-sent events) as they happen; the sequence ends after the final event.
    /// </summary>
    /// <param name="afterSequence">Resume after this <see cref="VideoEvent.Sequence"/> (sent as <c>Last-Event-ID</c>).</param>
    public virtual async IAsyncEnumerable<VideoEvent> StreamEventsAsync(
        string id,
        long? afterSequence = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, VideoUri(id, "/events"));
        message.Headers.Accept.ParseAdd("text/event-stream");
        if (afterSequence is { } after) message.Headers.TryAddWithoutValidation("Last-Event-ID", after.ToString(CultureInfo.InvariantCulture));
        using var response = await SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);

        string? eventName = null, eventId = null;
        var data = new StringBuilder();
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(line))
            {
                if (data.Length > 0) yield return ParseEvent(eventName, eventId, data.ToString());
                if (line is null) yield break;
                eventName = eventId = null;
                data.Clear();
                continue;
            }
            if (line[0] == ':') continue; // comment / keep-alive
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' ')) value = value[1..];
            switch (field)
            {
                case "event": eventName = value; break;
                case "id": eventId = value; break;
                case "data":
                    if (data.Length > 0) data.Append('\n');
                    data.Append(value);
                    break;
            }
        }
    }

    /// <summary>The webhook delivery log of a video: every message and every attempt.</summary>
    public virtual async Task<WebhookDeliveryList> GetWebhooksAsync(string id, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, VideoUri(id, "/webhooks"));
        using var response = await SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync<WebhookDeliveryList>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a video and returns an operation to wait for it with.</summary>
    public virtual async Task<VideoOperation> StartGenerateAsync(CreateVideoRequest request, CancellationToken cancellationToken = default)
    {
        var video = await CreateAsync(request, cancellationToken).ConfigureAwait(false);
        return new VideoOperation(this, video.Id, video);
    }

    /// <summary>An operation for a video created earlier (e.g. by another process); no request is made until it is updated.</summary>
    public virtual VideoOperation GetOperation(string id) => VideoOperation.Rehydrate(this, id);

    /// <summary>Disposes the HttpClient if this client created it.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _ownsHttp) _http.Dispose();
    }

    /// <summary>The wait before the next status poll, given the server's hint.</summary>
    internal TimeSpan PollDelay(TimeSpan? retryAfter) => (_options ?? DefaultOptions).PollDelay(retryAfter);

    internal TimeProvider TimeProvider => _options?.TimeProvider ?? TimeProvider.System;

    private static readonly VideosClientOptions DefaultOptions = new() { Endpoint = new Uri("http://localhost/"), ApiKey = "-" };

    private async Task<Video> GetCoreAsync(string id, TimeSpan? wait, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, VideoUri(id, ""));
        if (wait is { } w) AddPreferWait(message, w);
        using var response = await SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await ReadVideoAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private Uri VideoUri(string id, string suffix)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return new Uri($"{_videos}/{Uri.EscapeDataString(id)}{suffix}");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        var response = await _http.SendAsync(message, completion, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return response;
        using (response) throw await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Video> ReadVideoAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var video = await ReadJsonAsync<Video>(response, cancellationToken).ConfigureAwait(false);
        return video.IsTerminal ? video : video with { RetryAfter = RetryAfterOf(response) };
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<T>(ClientJson.Options, cancellationToken).ConfigureAwait(false)
        ?? throw new ReelayApiException((int)response.StatusCode, "empty response", $"the server answered {(int)response.StatusCode} with no body");

    private TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - TimeProvider.GetUtcNow(),
        _ => null,
    };

    private async Task<ReelayApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var retryAfter = RetryAfterOf(response);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (body.Length > 0 && mediaType is ProblemJson or "application/json")
        {
            try
            {
                if (JsonSerializer.Deserialize<ProblemBody>(body, ClientJson.Options) is { } problem)
                {
                    var errors = problem.Errors?.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value);
                    return new ReelayApiException(status, problem.Title ?? response.ReasonPhrase, problem.Detail, problem.Code, problem.Type, errors, retryAfter);
                }
            }
            catch (JsonException)
            {
                // Not a problem document after all; fall through and report the raw body.
            }
        }
        var snippet = body.Length > 512 ? body[..512] : body;
        return new ReelayApiException(status, response.ReasonPhrase, snippet.Length == 0 ? null : snippet, retryAfter: retryAfter);
    }

    private static VideoEvent ParseEvent(string? eventName, string? eventId, string data)
    {
        var parsed = JsonSerializer.Deserialize<VideoEvent>(data, ClientJson.Options) ?? new VideoEvent();
        return parsed with
        {
            Sequence = long.TryParse(eventId, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : null,
            Type = string.IsNullOrEmpty(parsed.Type) ? eventName ?? "message" : parsed.Type,
        };
    }

    private static void AddPreferWait(HttpRequestMessage message, TimeSpan wait) =>
        message.Headers.TryAddWithoutValidation("Prefer", "wait=" + Math.Max(0, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture));

    private static string WireName<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonSerializer.Serialize(value, ClientJson.Options).Trim('"');
}
