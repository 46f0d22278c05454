using Microsoft.Extensions.Logging;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Highway.Contract;
using Reelay.Storage.Blobs;
using Reelay.Upstreams;

namespace Reelay.Providers.Highway.Upstream;

/// <summary>
/// Relays Kling 2.5 Turbo jobs to an upstream speaking Highway's async API (Novita's layout): create i2v or t2v, then
/// read the task result until it is terminal. The upstream's <c>eta</c> sets when to ask next and its
/// <c>progress_percent</c> is reported as the job's progress. Content rejections are FAILED tasks whose reason says so.
/// <para>
/// Crash-safety policy: Highway assigns task ids itself and offers no lookup by a client id, so a submit whose answer
/// was lost (a crash between the request and recording the task id) cannot be found again.
/// The base's <see cref="UpstreamEngine.FindSubmittedAsync"/> therefore answers "not found" and logs a warning: the job
/// is submitted again and may be paid for twice in that rare window.
/// </para>
/// </summary>
public sealed class HighwayEngine : UpstreamEngine
{
    private readonly HighwayUpstreamOptions _options;
    private readonly HighwayApiClient _api;
    private readonly HighwayUpstreamRequestMapper _mapper;

    public HighwayEngine(HighwayUpstreamOptions options, HttpClient http, IBlobStore blobs, TimeProvider time, ILogger<HighwayEngine> logger)
        : base("Highway", "task", options, time, logger)
    {
        _options = options;
        _api = new HighwayApiClient(http, options, time);
        _mapper = new HighwayUpstreamRequestMapper(blobs, options);
    }

    protected override IEnumerable<string?> Secrets => [_options.ApiKey];

    protected override async Task<UpstreamSubmit> CreateTaskAsync(EngineContext context, CancellationToken ct)
    {
        var job = context.Job;
        var (body, refusal) = await _mapper.MapAsync(job, ct).ConfigureAwait(false);
        if (refusal is not null) return UpstreamSubmit.Settled(refusal);
        var created = await _api.CreateAsync(HighwayUpstreamRequestMapper.IsImageToVideo(job), body!, ct).ConfigureAwait(false);
        return created.TaskId is { } taskId ? UpstreamSubmit.Created(taskId) : UpstreamSubmit.Failed(HighwayFailures.Classify(created, Name));
    }

    protected override async Task<EngineOutcome> QueryTaskAsync(VideoJob job, string taskRef, CancellationToken ct)
    {
        var answer = await _api.GetResultAsync(taskRef, ct).ConfigureAwait(false);
        if (answer.Result is { } result) return FromResult(job, result);
        if (!answer.Transport && answer.HttpStatus == 404) return Gone(taskRef, answer.Message);
        return KeepAsking(HighwayFailures.Classify(answer, Name));
    }

    private EngineOutcome FromResult(VideoJob job, HighwayTaskResult result)
    {
        var task = result.Task;
        return task.Status switch
        {
            // Highway announces eta (seconds left) and progress_percent: the next query comes just after the eta.
            HighwayTaskStatus.Queued or HighwayTaskStatus.Processing => Polls.Running(job, new PollHint(task.Status == HighwayTaskStatus.Processing,
                task.Eta > 0 ? TimeSpan.FromSeconds(task.Eta) : null, task.ProgressPercent)),
            HighwayTaskStatus.Succeed => Produced(result.Videos is { Count: > 0 } videos ? videos[0].VideoUrl : null, task.TaskId),
            HighwayTaskStatus.Failed => TaskFailed(task.TaskId, task.Reason, HighwayFailures.IsContentRejection(task.Reason)),
            _ => UnknownStatus(task.Status),
        };
    }
}
