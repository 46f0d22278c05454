using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Reelay.Api;
using Reelay.Api.Dialects;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.Kling.Contract;
using Reelay.Storage;

namespace Reelay.Providers.Kling;

/// <summary>Handlers of the Kling video routes (create, query, list) for either task kind.</summary>
public static class KlingEndpoints
{
    public const int MaxPageNum = 1000;
    public const int MaxPageSize = 500;
    public const int DefaultPageSize = 30;

    /// <summary>Prefix of the idempotency key that makes <c>external_task_id</c> unique per key, atomically in the store.</summary>
    public const string ExternalIdKeyPrefix = "kling:external_task_id:";

    public static Task<IResult> CreateAsync(string kind, HttpContext http, DialectCreateFlow flow, KlingRequestMapper mapper) =>
        flow.RunAsync(http, http.Caller(), KlingResults.Create,
            body => Read(body, kind, mapper),
            outcome =>
            {
                var job = outcome.Job!;
                // Kling does not replay a create: a reused external_task_id is an error even with the same body.
                return outcome.Outcome == CreateOutcome.Created
                    ? KlingResults.Task(KlingTaskMapper.ToCreated(job))
                    : KlingResults.Error(KlingErrorCodes.InvalidParamValue,
                        $"Invalid parameter value: external_task_id '{job.Request.ExternalId}' already exists for this account (task {job.Id})");
            });

    /// <summary>Kling's reader and mapper; the idempotency key makes <c>external_task_id</c> unique per key, atomically in the store.</summary>
    private static DialectRead Read(JsonElement body, string kind, KlingRequestMapper mapper)
    {
        if (body.ValueKind != JsonValueKind.Object)
            return DialectRead.Refused(KlingResults.Error(KlingErrorCodes.InvalidParams, "Invalid request parameters: the body must be a JSON object"));
        var errors = new FieldErrors();
        var kling = KlingRequestReader.Read(body, kind, errors);
        var request = kling is null ? null : mapper.ToVideoRequest(kling, kind, errors);
        if (request is null) return DialectRead.Refused(KlingResults.InvalidValue(errors, null));
        return DialectRead.Of(request, request.ExternalId is { Length: > 0 } ext ? ExternalIdKeyPrefix + ext : null);
    }

    public static async Task<IResult> QueryAsync(string kind, string taskId, HttpContext http, KlingTaskFinder finder, KlingTaskMapper tasks, IOptions<ReelayOptions> options)
    {
        var job = await finder.FindAsync(kind, taskId, http.Caller(), http.RequestAborted);
        return job is null
            ? KlingResults.Error(KlingErrorCodes.NotFound, $"Resource not found: no {kind} task '{taskId}'")
            : KlingResults.Task(tasks.ToTask(job, RequestBaseUrl.Of(http, options)));
    }

    public static async Task<IResult> ListAsync(string kind, HttpContext http, KlingTaskFinder finder, KlingTaskMapper tasks, IOptions<ReelayOptions> options)
    {
        var errors = new FieldErrors();
        var pageNum = QueryInt(http, "pageNum", 1, 1, MaxPageNum, errors);
        var pageSize = QueryInt(http, "pageSize", DefaultPageSize, 1, MaxPageSize, errors);
        if (!errors.IsEmpty) return KlingResults.InvalidValue(errors, null);
        var page = await finder.PageAsync(kind, http.Caller(), pageNum, pageSize, http.RequestAborted);
        var baseUrl = RequestBaseUrl.Of(http, options);
        return KlingResults.Tasks([.. page.Select(j => tasks.ToTask(j, baseUrl))]);
    }

    public static IResult WrongMethod(HttpContext http) =>
        KlingResults.Error(KlingErrorCodes.InvalidMethod, $"Invalid request method: {http.Request.Method} is not served on {http.Request.Path}");

    private static int QueryInt(HttpContext http, string name, int fallback, int min, int max, FieldErrors errors)
    {
        var text = http.Request.Query[name].ToString();
        if (text.Length == 0) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        errors.Add(name, $"must be an integer between {min} and {max} (was '{text}')");
        return fallback;
    }
}
