using System.Net.Http.Headers;
using System.Text.Json;
using Reelay.Providers.ApiFrame.Contract;
using Reelay.Upstreams;

namespace Reelay.Providers.ApiFrame.Upstream;

/// <summary>
/// Sends the two APIFrame calls Reelay needs (<c>POST /kling-imagine</c>, <c>POST /fetch</c>) with the raw API key
/// in <c>Authorization</c>, and turns every answer, including none, into an <see cref="ApiFrameCallResult"/>.
/// Never throws for upstream trouble; only the caller's own cancellation propagates.
/// </summary>
internal sealed class ApiFrameApiClient(HttpClient http, ApiFrameUpstreamOptions options, TimeProvider time)
{
    private readonly string _base = options.BaseUrl.TrimEnd('/');

    public async Task<ApiFrameCallResult> CreateAsync(ApiFrameImagineRequest body, CancellationToken ct)
    {
        var answer = await SendAsync("/kling-imagine", JsonSerializer.SerializeToUtf8Bytes(body, ApiFrameJsonContext.Default.ApiFrameImagineRequest), ct)
            .ConfigureAwait(false);
        if (!answer.Answered) return ApiFrameCallResult.Unreachable(answer.Status, answer.Failure!);
        if (answer.Status is < 200 or >= 300) return Error(answer);
        ApiFrameTaskCreated? created;
        try { created = JsonSerializer.Deserialize(answer.Body, ApiFrameJsonContext.Default.ApiFrameTaskCreated); }
        catch (JsonException) { return ApiFrameCallResult.Unreachable(answer.Status, $"answered HTTP {answer.Status} with malformed JSON"); }
        return created is { TaskId.Length: > 0 }
            ? ApiFrameCallResult.Created(created.TaskId, answer.Status)
            : ApiFrameCallResult.Unreachable(answer.Status, $"answered HTTP {answer.Status} without a task_id (unexpected schema)");
    }

    public async Task<ApiFrameCallResult> FetchAsync(string taskId, CancellationToken ct)
    {
        var answer = await SendAsync("/fetch", JsonSerializer.SerializeToUtf8Bytes(new ApiFrameFetchRequest(taskId), ApiFrameJsonContext.Default.ApiFrameFetchRequest), ct)
            .ConfigureAwait(false);
        if (!answer.Answered) return ApiFrameCallResult.Unreachable(answer.Status, answer.Failure!);
        if (answer.Status is < 200 or >= 300) return Error(answer);
        ApiFrameTask? task;
        try { task = JsonSerializer.Deserialize(answer.Body, ApiFrameJsonContext.Default.ApiFrameTask); }
        catch (JsonException) { return ApiFrameCallResult.Unreachable(answer.Status, $"answered HTTP {answer.Status} with malformed JSON or an unexpected schema"); }
        return task is { TaskId.Length: > 0, Status.Length: > 0 }
            ? ApiFrameCallResult.Fetched(task, answer.Status)
            : ApiFrameCallResult.Unreachable(answer.Status, $"answered HTTP {answer.Status} without a task (unexpected schema)");
    }

    private async Task<UpstreamHttpAnswer> SendAsync(string path, byte[] body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _base + path);
        // APIFrame's documented scheme: the key itself, no "Bearer".
        request.Headers.TryAddWithoutValidation("Authorization", options.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Content = UpstreamHttp.Json(body);
        return await UpstreamHttp.SendAsync(http, request, options.RequestTimeout, time, ct).ConfigureAwait(false);
    }

    /// <summary>A 4xx/5xx: APIFrame's <c>{"errors":[{"msg"}]}</c> when present (400), else just the status (401/500 send <c>{}</c>).</summary>
    private ApiFrameCallResult Error(UpstreamHttpAnswer answer)
    {
        string? detail = null;
        try
        {
            var body = JsonSerializer.Deserialize(answer.Body, ApiFrameJsonContext.Default.ApiFrameErrorBody);
            if (body?.Errors is { Count: > 0 } errors) detail = string.Join("; ", errors.Select(e => e.Msg));
        }
        catch (JsonException) { }
        var text = UpstreamHttp.Clean(detail, options.ApiKey);
        return new ApiFrameCallResult
        {
            HttpStatus = answer.Status,
            RetryAfter = answer.RetryAfter,
            Message = text.Length > 0 ? $"answered HTTP {answer.Status}: {text}" : $"answered HTTP {answer.Status}",
        };
    }
}
