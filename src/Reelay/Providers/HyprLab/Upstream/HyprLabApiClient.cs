using System.Net.Http.Headers;
using System.Text.Json;
using Reelay.Providers.HyprLab.Contract;
using Reelay.Upstreams;

namespace Reelay.Providers.HyprLab.Upstream;

/// <summary>
/// Sends the two HyprLab calls Reelay needs (create, GET the polling URL) with the bearer key, and turns every
/// answer, including none, into a <see cref="HyprLabCallResult"/>. Never throws for upstream trouble; only the
/// caller's own cancellation propagates.
/// </summary>
internal sealed class HyprLabApiClient(HttpClient http, HyprLabUpstreamOptions options, TimeProvider time)
{
    public const string CreatePath = "/v1/video/generations";

    private readonly string _base = options.BaseUrl.TrimEnd('/');

    public async Task<HyprLabCallResult> CreateAsync(HyprLabVideoRequest body, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, new Uri(_base + CreatePath));
        request.Content = UpstreamHttp.Json(JsonSerializer.SerializeToUtf8Bytes(body, HyprLabJsonContext.Default.HyprLabVideoRequest));
        var answer = await UpstreamHttp.SendAsync(http, request, options.RequestTimeout, time, ct).ConfigureAwait(false);
        if (!answer.Answered) return HyprLabCallResult.Unreachable(answer.Status, answer.Failure!);
        if (answer.Status is < 200 or >= 300) return Error(answer);
        HyprLabGeneration? created;
        try { created = JsonSerializer.Deserialize(answer.Body, HyprLabJsonContext.Default.HyprLabGeneration); }
        catch (JsonException) { return HyprLabCallResult.Unreachable(answer.Status, $"answered HTTP {answer.Status} with malformed JSON or an unexpected schema"); }
        return created is { Id.Length: > 0, Data.Count: > 0 } && !string.IsNullOrEmpty(created.Data[0].Url)
            ? new HyprLabCallResult { Created = created, HttpStatus = answer.Status }
            : HyprLabCallResult.Unreachable(answer.Status, $"answered HTTP {answer.Status} without an id and polling URL (unexpected schema)");
    }

    /// <summary>GETs a polling URL; the caller has checked that it is on the upstream's own origin.</summary>
    public async Task<HyprLabCallResult> PollAsync(Uri pollingUrl, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, pollingUrl);
        var answer = await UpstreamHttp.SendAsync(http, request, options.RequestTimeout, time, ct).ConfigureAwait(false);
        if (!answer.Answered) return HyprLabCallResult.Unreachable(answer.Status, answer.Failure!);
        if (answer.Status is < 200 or >= 300) return Error(answer);
        HyprLabGenerationStatus? status;
        try { status = JsonSerializer.Deserialize(answer.Body, HyprLabJsonContext.Default.HyprLabGenerationStatus); }
        catch (JsonException) { return HyprLabCallResult.Unreachable(answer.Status, $"answered HTTP {answer.Status} with malformed JSON or an unexpected schema"); }
        return status is { Id.Length: > 0, Status.Length: > 0 }
            ? new HyprLabCallResult { Status = status, HttpStatus = answer.Status }
            : HyprLabCallResult.Unreachable(answer.Status, $"answered HTTP {answer.Status} without a generation status (unexpected schema)");
    }

    /// <summary>Whether <paramref name="url"/> is on the configured upstream's origin (scheme, host and port): only there is the key sent.</summary>
    public bool IsOwnOrigin(Uri url) =>
        Uri.TryCreate(_base, UriKind.Absolute, out var b) &&
        Uri.Compare(b, url, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private HttpRequestMessage Request(HttpMethod method, Uri url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    /// <summary>A 4xx/5xx: the OpenAI-style <c>{"error":{"message","type","code"}}</c> when present, else just the status.</summary>
    private HyprLabCallResult Error(UpstreamHttpAnswer answer)
    {
        HyprLabError? error = null;
        try { error = JsonSerializer.Deserialize(answer.Body, HyprLabJsonContext.Default.HyprLabErrorBody)?.Error; }
        catch (JsonException) { }
        var text = UpstreamHttp.Clean(error?.Message, options.ApiKey);
        var what = error?.Code is { Length: > 0 } c ? $"HTTP {answer.Status} ({UpstreamHttp.Clean(c, options.ApiKey)})" : $"HTTP {answer.Status}";
        return new HyprLabCallResult
        {
            HttpStatus = answer.Status,
            Code = error?.Code,
            RetryAfter = answer.RetryAfter,
            Message = text.Length > 0 ? $"answered {what}: {text}" : $"answered {what}",
        };
    }
}
