using System.Net.Http.Headers;
using System.Text.Json;
using Reelay.Providers.Highway.Contract;
using Reelay.Upstreams;

namespace Reelay.Providers.Highway.Upstream;

/// <summary>
/// The Highway calls Reelay needs — create (i2v or t2v) and task-result — with <c>Authorization: Bearer</c>. Every
/// answer, including none, becomes a <see cref="HighwayCallResult"/>; errors keep Novita's <c>reason</c> and <c>message</c>.
/// </summary>
internal sealed class HighwayApiClient(HttpClient http, HighwayUpstreamOptions options, TimeProvider time)
{
    public const string ImageToVideoPath = "/v3/async/kling-2.5-turbo-i2v";
    public const string TextToVideoPath = "/v3/async/kling-2.5-turbo-t2v";
    public const string TaskResultPath = "/v3/async/task-result";

    private readonly string _base = options.BaseUrl.TrimEnd('/');

    public async Task<HighwayCallResult> CreateAsync(bool imageToVideo, HighwayCreateRequest body, CancellationToken ct)
    {
        var answer = await SendAsync(HttpMethod.Post, imageToVideo ? ImageToVideoPath : TextToVideoPath,
            JsonSerializer.SerializeToUtf8Bytes(body, HighwayJsonContext.Default.HighwayCreateRequest), ct).ConfigureAwait(false);
        if (answer.Transport) return HighwayCallResult.Unreachable(answer.Status, answer.Failure!);
        if (!answer.IsSuccess) return Error(answer);
        HighwayTaskCreated? created;
        try { created = JsonSerializer.Deserialize(answer.Body, HighwayJsonContext.Default.HighwayTaskCreated); }
        catch (JsonException) { return HighwayCallResult.Unreachable(answer.Status, $"answered HTTP {answer.Status} with malformed JSON"); }
        return created is { TaskId.Length: > 0 }
            ? new HighwayCallResult { TaskId = created.TaskId, HttpStatus = answer.Status }
            : HighwayCallResult.Unreachable(answer.Status, $"answered HTTP {answer.Status} without a task_id (unexpected schema)");
    }

    public async Task<HighwayCallResult> GetResultAsync(string taskId, CancellationToken ct)
    {
        var answer = await SendAsync(HttpMethod.Get, $"{TaskResultPath}?task_id={Uri.EscapeDataString(taskId)}", null, ct).ConfigureAwait(false);
        if (answer.Transport) return HighwayCallResult.Unreachable(answer.Status, answer.Failure!);
        if (!answer.IsSuccess) return Error(answer);
        HighwayTaskResult? result;
        try { result = JsonSerializer.Deserialize(answer.Body, HighwayJsonContext.Default.HighwayTaskResult); }
        catch (JsonException) { return HighwayCallResult.Unreachable(answer.Status, $"answered HTTP {answer.Status} with malformed JSON"); }
        return result?.Task is { Status.Length: > 0 }
            ? new HighwayCallResult { Result = result, HttpStatus = answer.Status }
            : HighwayCallResult.Unreachable(answer.Status, $"answered HTTP {answer.Status} without a task (unexpected schema)");
    }

    private Task<UpstreamHttpAnswer> SendAsync(HttpMethod method, string pathAndQuery, byte[]? body, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, _base + pathAndQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        return SendAndDisposeAsync(request, ct);
    }

    private async Task<UpstreamHttpAnswer> SendAndDisposeAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using (request) return await UpstreamHttp.SendAsync(http, request, options.RequestTimeout, time, ct).ConfigureAwait(false);
    }

    /// <summary>Novita's error body when there is one; a proxy's page still classifies by its HTTP status.</summary>
    private HighwayCallResult Error(UpstreamHttpAnswer answer)
    {
        string? reason = null, message = null;
        try
        {
            using var doc = JsonDocument.Parse(answer.Body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (doc.RootElement.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String) reason = r.GetString();
                if (doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) message = m.GetString();
            }
        }
        catch (JsonException)
        {
        }
        var text = UpstreamHttp.Clean(message, [options.ApiKey]);
        var what = reason is { Length: > 0 } ? $"HTTP {answer.Status} {UpstreamHttp.Clean(reason, [options.ApiKey], 60)}" : $"HTTP {answer.Status}";
        return new HighwayCallResult
        {
            HttpStatus = answer.Status,
            Reason = reason,
            RetryAfter = answer.RetryAfter,
            Message = text.Length > 0 ? $"answered {what}: {text}" : $"answered {what}",
        };
    }
}
