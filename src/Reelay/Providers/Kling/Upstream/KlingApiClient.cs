using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Reelay.Providers.Kling.Contract;

namespace Reelay.Providers.Kling.Upstream;

/// <summary>
/// Sends the Kling calls Reelay needs (create, query, list) with a bearer JWT and a per-call timeout, and turns
/// every answer, including no answer at all, into a <see cref="KlingCallResult"/>. Never throws for upstream
/// trouble; only the caller's own cancellation propagates. Answers are read up to <see cref="MaxAnswerBytes"/>.
/// </summary>
internal sealed class KlingApiClient(HttpClient http, KlingUpstreamOptions options, KlingTokenSource tokens, TimeProvider time)
{
    /// <summary>A task object is a few KB; anything far larger is not a Kling answer.</summary>
    public const int MaxAnswerBytes = 1 << 20;
    /// <summary>A list page holds up to 500 tasks of a few hundred bytes each.</summary>
    public const int MaxListAnswerBytes = 8 << 20;
    private const int MaxMessageLength = 300;

    private readonly string _base = options.BaseUrl.TrimEnd('/');

    public Task<KlingCallResult> CreateAsync(string kind, KlingVideoRequest body, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"/v1/videos/{kind}", JsonSerializer.SerializeToUtf8Bytes(body, KlingJsonContext.Default.KlingVideoRequest), ct);

    /// <summary>One task by task id or (Kling's rule) by <c>external_task_id</c>.</summary>
    public Task<KlingCallResult> QueryAsync(string kind, string id, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"/v1/videos/{kind}/{Uri.EscapeDataString(id)}", null, ct);

    /// <summary>One page of a kind's tasks, newest first (<c>GET /v1/videos/{kind}?pageNum&amp;pageSize</c>); the result's <see cref="KlingCallResult.Tasks"/>.</summary>
    public Task<KlingCallResult> ListAsync(string kind, int pageNum, int pageSize, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"/v1/videos/{kind}?pageNum={pageNum}&pageSize={pageSize}", null, ct, list: true);

    private async Task<KlingCallResult> SendAsync(HttpMethod method, string path, byte[]? body, CancellationToken ct, bool list = false)
    {
        var result = await SendOnceAsync(method, path, body, list, ct).ConfigureAwait(false);
        // A token refused as expired or not yet valid (clock skew, upstream restart) is dropped by then; one
        // retry with a fresh token is safe even for a create, since a refused request created nothing.
        if (result.HttpStatus == 401 && result.Code is KlingErrorCodes.AuthExpired or KlingErrorCodes.AuthNotYetValid)
            result = await SendOnceAsync(method, path, body, list, ct).ConfigureAwait(false);
        return result;
    }

    private async Task<KlingCallResult> SendOnceAsync(HttpMethod method, string path, byte[]? body, bool list, CancellationToken ct)
    {
        var token = tokens.Current();
        using var timeout = new CancellationTokenSource(options.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        using var request = new HttpRequestMessage(method, _base + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var limit = list ? MaxListAnswerBytes : MaxAnswerBytes;
            var bytes = await ReadBoundedAsync(response.Content, limit, linked.Token).ConfigureAwait(false);
            if (bytes is null) return KlingCallResult.Unreachable(status, $"answered HTTP {status} with a body over {limit} bytes");
            if (response.StatusCode == HttpStatusCode.Unauthorized) tokens.Invalidate(token);
            return list && status is >= 200 and < 300 ? InterpretList(status, bytes, RetryAfterOf(response), token) : Interpret(status, bytes, RetryAfterOf(response), token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return KlingCallResult.Unreachable(0, $"did not answer within {options.RequestTimeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex)
        {
            return KlingCallResult.Unreachable((int?)ex.StatusCode ?? 0, $"could not be reached ({Describe(ex.HttpRequestError)})");
        }
        catch (IOException)
        {
            return KlingCallResult.Unreachable(0, "closed the connection before answering completely");
        }
    }

    private KlingCallResult Interpret(int status, byte[] bytes, TimeSpan? retryAfter, string token)
    {
        if (status is >= 200 and < 300)
        {
            KlingResponse<KlingTask>? envelope;
            try { envelope = JsonSerializer.Deserialize(bytes, KlingJsonContext.Default.KlingResponseKlingTask); }
            catch (JsonException) { return KlingCallResult.Unreachable(status, $"answered HTTP {status} with malformed JSON"); }
            if (envelope is null) return KlingCallResult.Unreachable(status, $"answered HTTP {status} with an empty body");
            if (envelope.Code != KlingErrorCodes.Success)
                return Error(status, envelope.Code, envelope.Message, retryAfter, token);
            if (envelope.Data is not { TaskId.Length: > 0, TaskStatus: not null })
                return KlingCallResult.Unreachable(status, $"answered HTTP {status} without a task (unexpected schema)");
            return KlingCallResult.Ok(envelope.Data, status);
        }

        KlingErrorBody? error = null;
        try { error = JsonSerializer.Deserialize(bytes, KlingJsonContext.Default.KlingErrorBody); }
        catch (JsonException) { }
        // A 4xx/5xx with no Kling body (a proxy's page) still classifies by its HTTP status.
        return Error(status, error?.Code is > 0 ? error.Code : null, error?.Message, retryAfter, token);
    }

    private KlingCallResult InterpretList(int status, byte[] bytes, TimeSpan? retryAfter, string token)
    {
        KlingResponse<IReadOnlyList<KlingTask>>? envelope;
        try { envelope = JsonSerializer.Deserialize(bytes, KlingJsonContext.Default.KlingResponseIReadOnlyListKlingTask); }
        catch (JsonException) { return KlingCallResult.Unreachable(status, $"answered HTTP {status} with malformed JSON"); }
        if (envelope is null) return KlingCallResult.Unreachable(status, $"answered HTTP {status} with an empty body");
        if (envelope.Code != KlingErrorCodes.Success) return Error(status, envelope.Code, envelope.Message, retryAfter, token);
        if (envelope.Data is null) return KlingCallResult.Unreachable(status, $"answered HTTP {status} without a task list (unexpected schema)");
        return new KlingCallResult { Tasks = envelope.Data, HttpStatus = status, Code = KlingErrorCodes.Success };
    }

    private KlingCallResult Error(int status, int? code, string? upstreamMessage, TimeSpan? retryAfter, string token)
    {
        var text = Clean(upstreamMessage, token);
        var what = code is { } c ? $"HTTP {status} code {c}" : $"HTTP {status}";
        return new KlingCallResult
        {
            HttpStatus = status,
            Code = code,
            RetryAfter = retryAfter,
            Message = text.Length > 0 ? $"answered {what}: {text}" : $"answered {what}",
        };
    }

    /// <summary>Bounded, single-line, and with the token and secret blanked should an upstream ever echo them.</summary>
    private string Clean(string? message, string token)
    {
        if (string.IsNullOrWhiteSpace(message)) return "";
        var s = message.Replace(token, "***", StringComparison.Ordinal).Replace(options.SecretKey, "***", StringComparison.Ordinal);
        s = string.Join(' ', s.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return s.Length <= MaxMessageLength ? s : s[..MaxMessageLength] + "…";
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var h = response.Headers.RetryAfter;
        if (h?.Delta is { } d) return d < TimeSpan.Zero ? TimeSpan.Zero : d;
        if (h?.Date is { } at) { var wait = at - time.GetUtcNow(); return wait < TimeSpan.Zero ? TimeSpan.Zero : wait; }
        return null;
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, int limit, CancellationToken ct)
    {
        if (content.Headers.ContentLength > limit) return null;
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "name resolution failed",
        HttpRequestError.ConnectionError => "connection refused or reset",
        HttpRequestError.SecureConnectionError => "TLS handshake failed",
        HttpRequestError.ResponseEnded => "connection closed before the answer ended",
        HttpRequestError.InvalidResponse => "invalid HTTP answer",
        _ => "connection error",
    };
}
