using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Reelay.Api;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.ApiFrame.Contract;
using Reelay.Upstreams;

namespace Reelay.Providers.ApiFrame.Upstream;

/// <summary>
/// Relays jobs to an upstream speaking APIFrame's Kling API (<c>POST /kling-imagine</c>, <c>POST /fetch</c>).
/// APIFrame generates the task id itself and offers no way to find a task by an id of ours, so a submit whose
/// answer was lost (crash, timeout) cannot be found again: the policy is to submit again (the rare crash window may
/// pay twice), and <see cref="UpstreamEngine.FindSubmittedAsync"/> says so in a warning rather than block the job forever. Status
/// comes only from <c>/fetch</c> (webhooks merely make the scheduler poll sooner). Error messages name the upstream
/// and what it said, never the API key.
/// </summary>
public sealed class ApiFrameEngine : UpstreamEngine
{
    private readonly ApiFrameUpstreamOptions _options;
    private readonly ApiFrameApiClient _api;
    private readonly ApiFrameUpstreamRequestMapper _mapper;

    /// <param name="links">Signs links to stored images; null (or no PublicBaseUrl) makes image-to-video jobs fail with a clear message.</param>
    public ApiFrameEngine(ApiFrameUpstreamOptions options, HttpClient http, InputImageLinks? links, TimeProvider time, ILogger<ApiFrameEngine> logger)
        : base("APIFrame", "task", options, time, logger)
    {
        _options = options;
        _api = new ApiFrameApiClient(http, options, time);
        _mapper = new ApiFrameUpstreamRequestMapper(options, links, time);
    }

    protected override IEnumerable<string?> Secrets => [_options.ApiKey];

    protected override async Task<UpstreamSubmit> CreateTaskAsync(EngineContext context, CancellationToken ct)
    {
        // A fresh secret per submit: APIFrame echoes it on each webhook. Reelay does not need to check it, since a
        // webhook only moves the next /fetch earlier, but it keeps one job's webhook secret from being any other's.
        var (body, refusal) = _mapper.Map(context.Job, RandomNumberGenerator.GetHexString(32, lowercase: true));
        if (refusal is not null) return UpstreamSubmit.Settled(refusal);
        var created = await _api.CreateAsync(body!, ct).ConfigureAwait(false);
        return created.CreatedTaskId is { } taskId ? UpstreamSubmit.Created(taskId) : UpstreamSubmit.Failed(ApiFrameFailures.Classify(created, Name));
    }

    protected override async Task<EngineOutcome> QueryTaskAsync(VideoJob job, string taskRef, CancellationToken ct)
    {
        var answer = await _api.FetchAsync(taskRef, ct).ConfigureAwait(false);
        if (answer.Task is { } task)
        {
            if (task.TaskId != taskRef)
                return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable,
                    $"APIFrame upstream '{Name}' answered a fetch of task '{taskRef}' with another task; will ask again", retryable: true);
            return FromTask(job, task);
        }
        if (answer.HttpStatus == 404 && answer.Message.Contains("not found", StringComparison.OrdinalIgnoreCase)) return Gone(taskRef, answer.Message);
        return KeepAsking(ApiFrameFailures.Classify(answer, Name));
    }

    private EngineOutcome FromTask(VideoJob job, ApiFrameTask task) => task.Status switch
    {
        ApiFrameStatuses.Pending or ApiFrameStatuses.Staged => Polls.Running(job, new PollHint(Started: false, Percent: task.Percentage?.Value)),
        // APIFrame's own percentage when it gives one (it also paces the next /fetch), else an estimate.
        ApiFrameStatuses.Starting or ApiFrameStatuses.Processing or ApiFrameStatuses.Retrying =>
            Polls.Running(job, new PollHint(Started: true, Percent: task.Percentage?.Value)),
        ApiFrameStatuses.Finished => Produced(task.VideoUrl, task.TaskId, "video_url", "finished"),
        ApiFrameStatuses.Failed => TaskFailed(task.TaskId, task.Message, ApiFrameFailures.IsContentRejection(task.Message)),
        _ => UnknownStatus(task.Status),
    };
}
