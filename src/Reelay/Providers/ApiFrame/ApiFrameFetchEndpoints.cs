using System.Text.Json;
using Microsoft.Extensions.Options;
using Reelay.Api;
using Reelay.Api.Json;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.ApiFrame.Contract;

namespace Reelay.Providers.ApiFrame;

/// <summary>
/// <c>POST /fetch</c> and <c>POST /fetch-many</c>. Unknown ids and other keys' tasks look the same: 404
/// <c>{"errors":[{"msg":"task not found"}]}</c> from /fetch, a <c>failed</c> entry with that message from /fetch-many.
/// </summary>
internal static class ApiFrameFetchEndpoints
{
    public static async Task<IResult> FetchAsync(HttpContext http, JobService jobs, ApiFrameTaskMapper mapper, IOptions<ReelayOptions> options)
    {
        var (doc, error, _) = await RequestBodies.ReadJsonAsync(http.Request);
        if (doc is null) return ApiFrameResults.Errors(StatusCodes.Status400BadRequest, error!);
        using (doc)
        {
            var errors = new FieldErrors();
            var id = doc.RootElement.ValueKind == JsonValueKind.Object ? JsonFields.String(doc.RootElement, "task_id", errors) : null;
            if (doc.RootElement.ValueKind != JsonValueKind.Object) errors.Add("body", "must be a JSON object");
            else if (string.IsNullOrEmpty(id) && !errors.Has("task_id")) errors.Add("task_id", "is required");
            if (!errors.IsEmpty) return ApiFrameResults.Invalid(errors);

            var job = await jobs.GetAsync(id!, http.Caller(), http.RequestAborted);
            if (job is null) return ApiFrameResults.NotFound();
            return TypedResults.Json(mapper.ToTask(job, RequestBaseUrl.Of(http, options)), ApiFrameJsonContext.Default.ApiFrameTask);
        }
    }

    public static async Task<IResult> FetchManyAsync(HttpContext http, JobService jobs, ApiFrameTaskMapper mapper, IOptions<ReelayOptions> options)
    {
        var (doc, error, _) = await RequestBodies.ReadJsonAsync(http.Request);
        if (doc is null) return ApiFrameResults.Errors(StatusCodes.Status400BadRequest, error!);
        using (doc)
        {
            var errors = new FieldErrors();
            IReadOnlyList<string>? ids = null;
            if (doc.RootElement.ValueKind != JsonValueKind.Object) errors.Add("body", "must be a JSON object");
            else
            {
                ids = JsonFields.StringArray(doc.RootElement, "task_ids", errors);
                if (ids is null && !errors.Has("task_ids")) errors.Add("task_ids", "is required");
                else if (ids is { Count: < ApiFrameValues.MinFetchMany or > ApiFrameValues.MaxFetchMany })
                    errors.Add("task_ids", $"must hold between {ApiFrameValues.MinFetchMany} and {ApiFrameValues.MaxFetchMany} task ids (was {ids.Count})");
            }
            if (!errors.IsEmpty) return ApiFrameResults.Invalid(errors);

            var baseUrl = RequestBaseUrl.Of(http, options);
            var found = new Dictionary<string, ApiFrameTask>(StringComparer.Ordinal);
            var tasks = new List<ApiFrameTask>(ids!.Count);
            foreach (var id in ids)
            {
                if (!found.TryGetValue(id, out var task))
                {
                    var job = await jobs.GetAsync(id, http.Caller(), http.RequestAborted);
                    found[id] = task = job is null ? ApiFrameTaskMapper.NotFound(id) : mapper.ToTask(job, baseUrl);
                }
                tasks.Add(task);
            }
            return TypedResults.Json(new ApiFrameTaskList(tasks), ApiFrameJsonContext.Default.ApiFrameTaskList);
        }
    }
}
