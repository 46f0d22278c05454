using System.Net.Http.Headers;
using System.Text.Json;
using Reelay.Providers.Leonardo.Contract;
using Reelay.Security;
using Reelay.Upstreams;

namespace Reelay.Providers.Leonardo.Upstream;

/// <summary>
/// The Leonardo calls Reelay needs: announce an init image, upload it through the presigned form, create a video
/// generation and read it. API calls carry the bearer token; the form upload carries none (its signed fields are the
/// credential, and the form URL is usually another host, such as S3). Every answer, including none, becomes a
/// <see cref="LeonardoCallResult"/>; only the caller's own cancellation propagates. A form on another host than the
/// base URL's is uploaded through the SSRF guard under <see cref="LeonardoUpstreamOptions.UploadPolicy"/>.
/// </summary>
internal sealed class LeonardoApiClient(HttpClient http, LeonardoUpstreamOptions options, TimeProvider time)
{
    public const string ApiPath = "/api/rest/v1";
    public const string InitImagePath = ApiPath + "/init-image";
    public const string ImageToVideoPath = ApiPath + "/generations-image-to-video";
    public const string TextToVideoPath = ApiPath + "/generations-text-to-video";
    public const string GenerationsPath = ApiPath + "/generations";

    private readonly string _base = options.BaseUrl.TrimEnd('/');
    private readonly Uri _baseUri = new(options.BaseUrl);
    // Built on the first upload to another host and kept for the engine's lifetime (engines live as long as the process).
    private readonly Lazy<HttpClient> _guarded = new(() =>
        new HttpClient(SsrfGuard.CreateHandler(options.UploadPolicy, TimeSpan.FromSeconds(10))) { Timeout = Timeout.InfiniteTimeSpan });

    public async Task<LeonardoCallResult> CreateInitImageAsync(string extension, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new LeonardoInitImageRequest(extension), LeonardoJsonContext.Default.LeonardoInitImageRequest);
        var answer = await SendApiAsync(HttpMethod.Post, InitImagePath, body, ct).ConfigureAwait(false);
        return Read(answer, LeonardoJsonContext.Default.LeonardoInitImageResponse, r =>
            r.UploadInitImage is { Id.Length: > 0, Url.Length: > 0, Fields: not null } form ? new LeonardoCallResult { InitImage = form, HttpStatus = answer.Status } : null,
            "an upload form");
    }

    /// <summary>
    /// POSTs multipart/form-data with every issued field and then <c>file</c> (S3 ignores fields after the file) to the
    /// form's URL, streaming <paramref name="image"/>. The caller has checked that the URL is absolute http(s).
    /// </summary>
    public async Task<LeonardoCallResult> UploadAsync(Uri url, IReadOnlyDictionary<string, string> fields, Stream image, string fileName,
        string contentType, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        var file = new StreamContent(image);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
        var client = IsBaseOrigin(url) ? http : _guarded.Value;
        var answer = await UpstreamHttp.SendAsync(client, request, options.UploadTimeout, time, ct).ConfigureAwait(false);
        if (answer.Blocked) return new LeonardoCallResult { Message = "gave an upload form URL that " + answer.Failure, Blocked = true };
        if (answer.Transport) return LeonardoCallResult.Unreachable(answer.Status, "image upload " + answer.Failure);
        return answer.IsSuccess ? new LeonardoCallResult { Uploaded = true, HttpStatus = answer.Status } : Error(answer, "image upload ");
    }

    /// <summary>Same scheme, host and port as the operator-configured base URL.</summary>
    private bool IsBaseOrigin(Uri url) =>
        string.Equals(url.Scheme, _baseUri.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(url.IdnHost, _baseUri.IdnHost, StringComparison.OrdinalIgnoreCase)
        && url.Port == _baseUri.Port;

    public async Task<LeonardoCallResult> CreateAsync(LeonardoVideoRequest body, CancellationToken ct)
    {
        var path = body.ImageId is null ? TextToVideoPath : ImageToVideoPath;
        var answer = await SendApiAsync(HttpMethod.Post, path, JsonSerializer.SerializeToUtf8Bytes(body, LeonardoJsonContext.Default.LeonardoVideoRequest), ct)
            .ConfigureAwait(false);
        return Read(answer, LeonardoJsonContext.Default.LeonardoCreateResponse, r =>
            r.MotionVideoGenerationJob is { GenerationId.Length: > 0 } job ? new LeonardoCallResult { Created = job, HttpStatus = answer.Status } : null,
            "a generation id");
    }

    public async Task<LeonardoCallResult> GetGenerationAsync(string id, CancellationToken ct)
    {
        var answer = await SendApiAsync(HttpMethod.Get, $"{GenerationsPath}/{Uri.EscapeDataString(id)}", null, ct).ConfigureAwait(false);
        return Read(answer, LeonardoJsonContext.Default.LeonardoGenerationResponse, r =>
            r.GenerationsByPk is null or { Id.Length: > 0, Status.Length: > 0 } ? new LeonardoCallResult { Generation = r, HttpStatus = answer.Status } : null,
            "a generation");
    }

    private async Task<UpstreamHttpAnswer> SendApiAsync(HttpMethod method, string path, byte[]? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, _base + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null) request.Content = UpstreamHttp.Json(body);
        return await UpstreamHttp.SendAsync(http, request, options.RequestTimeout, time, ct).ConfigureAwait(false);
    }

    /// <summary>A 2xx whose body <paramref name="accept"/> recognises; anything else is an error or an unexpected schema.</summary>
    private LeonardoCallResult Read<T>(UpstreamHttpAnswer answer, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type,
        Func<T, LeonardoCallResult?> accept, string what)
    {
        if (answer.Transport) return LeonardoCallResult.Unreachable(answer.Status, answer.Failure!);
        if (!answer.IsSuccess) return Error(answer, "");
        T? parsed;
        try { parsed = JsonSerializer.Deserialize(answer.Body, type); }
        catch (JsonException) { return LeonardoCallResult.Unreachable(answer.Status, $"answered HTTP {answer.Status} with malformed JSON or an unexpected schema"); }
        return (parsed is null ? null : accept(parsed))
            ?? LeonardoCallResult.Unreachable(answer.Status, $"answered HTTP {answer.Status} without {what} (unexpected schema)");
    }

    /// <summary>A 4xx/5xx: Leonardo's <c>{"error","path","code"}</c> when present, else just the status.</summary>
    private LeonardoCallResult Error(UpstreamHttpAnswer answer, string prefix)
    {
        LeonardoError? error = null;
        try { error = JsonSerializer.Deserialize(answer.Body, LeonardoJsonContext.Default.LeonardoError); }
        catch (JsonException) { }
        var text = UpstreamHttp.Clean(error?.Error, options.ApiKey);
        var code = UpstreamHttp.Clean(error?.Code, options.ApiKey);
        var at = UpstreamHttp.Clean(error?.Path, options.ApiKey);
        var what = code.Length > 0 ? $"HTTP {answer.Status} ({code})" : $"HTTP {answer.Status}";
        var detail = text.Length == 0 ? "" : at is { Length: > 0 } and not "$" ? $": {at}: {text}" : $": {text}";
        return new LeonardoCallResult
        {
            HttpStatus = answer.Status,
            Code = error?.Code,
            RetryAfter = answer.RetryAfter,
            Message = $"{prefix}answered {what}{detail}",
        };
    }
}
