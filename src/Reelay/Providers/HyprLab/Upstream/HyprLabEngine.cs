using Microsoft.Extensions.Logging;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.HyprLab.Contract;
using Reelay.Storage.Blobs;
using Reelay.Upstreams;

namespace Reelay.Providers.HyprLab.Upstream;

/// <summary>
/// Relays jobs to an upstream speaking HyprLab's video API: <c>POST /v1/video/generations</c> answers a polling URL,
/// which is kept as the job's upstream reference and fetched with the same bearer key (only on the upstream's own
/// origin). HyprLab generates the id itself and offers no lookup by an id of ours, so a submit whose answer was
/// lost cannot be found again: the policy is to submit again (the rare crash window may pay twice), and
/// <see cref="UpstreamEngine.FindSubmittedAsync"/> says so in a warning. Error messages name the upstream and what it said,
/// never the key.
/// </summary>
public sealed partial class HyprLabEngine : UpstreamEngine
{
    private readonly HyprLabUpstreamOptions _options;
    private readonly HyprLabApiClient _api;
    private readonly HyprLabUpstreamRequestMapper _mapper;

    public HyprLabEngine(HyprLabUpstreamOptions options, HttpClient http, IBlobStore blobs, TimeProvider time, ILogger<HyprLabEngine> logger)
        : base("HyprLab", "generation", options, time, logger)
    {
        _options = options;
        _api = new HyprLabApiClient(http, options, time);
        _mapper = new HyprLabUpstreamRequestMapper(blobs, options);
    }

    protected override IEnumerable<string?> Secrets => [_options.ApiKey];

    protected override async Task<UpstreamSubmit> CreateTaskAsync(EngineContext context, CancellationToken ct)
    {
        var job = context.Job;
        var (body, refusal) = await _mapper.MapAsync(job, ct).ConfigureAwait(false);
        if (refusal is not null) return UpstreamSubmit.Settled(refusal);
        var created = await _api.CreateAsync(body!, ct).ConfigureAwait(false);
        if (created.Created is not { } generation) return UpstreamSubmit.Failed(HyprLabFailures.Classify(created, Name));
        if (!Uri.TryCreate(generation.Data[0].Url, UriKind.Absolute, out var polling) || !_api.IsOwnOrigin(polling))
        {
            // The generation exists, but following the link would hand our key to another host.
            LogForeignPollingUrl(Logger, job.Id, Name, generation.Id);
            return UpstreamSubmit.Settled(EngineOutcome.Failed(JobErrorCodes.EngineFailed,
                $"HyprLab upstream '{Name}' created generation '{generation.Id}' but gave a polling URL outside its own origin; not sending the key there"));
        }
        return UpstreamSubmit.Created(polling.ToString(), generation.Id);
    }

    protected override async Task<EngineOutcome> QueryTaskAsync(VideoJob job, string taskRef, CancellationToken ct)
    {
        if (!Uri.TryCreate(taskRef, UriKind.Absolute, out var url) || !_api.IsOwnOrigin(url))
            return EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"job has no HyprLab polling URL on upstream '{Name}' to query");
        var answer = await _api.PollAsync(url, ct).ConfigureAwait(false);
        if (answer.Status is { } status) return FromStatus(job, status);
        if (answer.HttpStatus == 404 && answer.Code == "not_found") return Gone(taskRef, answer.Message);
        return KeepAsking(HyprLabFailures.Classify(answer, Name));
    }

    private EngineOutcome FromStatus(VideoJob job, HyprLabGenerationStatus status) => status.Status switch
    {
        // HyprLab reports no progress: the planner estimates it from the time since submit.
        HyprLabStatus.Pending or HyprLabStatus.Processing => Polls.Running(job, new PollHint(Started: status.Status == HyprLabStatus.Processing)),
        HyprLabStatus.Succeeded => Produced(status.Data is { Count: > 0 } data ? data[0].Url : null, status.Id),
        HyprLabStatus.Failed => TaskFailed(status.Id, status.Error?.Message, HyprLabFailures.IsContentRejection(status.Error?.Message)),
        _ => UnknownStatus(status.Status),
    };
}
