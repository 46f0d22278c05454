using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Storage;
using Reelay.Storage.Blobs;

namespace Reelay.Retention;

/// <summary>
/// One retention pass. Files go before records: a job's blobs are deleted first and only then its outputs
/// cleared (or its record deleted), so a crash in between leaves a record pointing at missing files — which the
/// next pass finishes — and never an orphaned file no record knows about. Only blobs under the job's own
/// <c>jobs/{id}/</c> prefix are deleted (shared clips and content-addressed input images belong to no single job).
/// </summary>
public sealed partial class RetentionRunner(
    IRetentionStore retention,
    IJobStore jobs,
    IBlobStore blobs,
    TimeProvider time,
    IOptions<ReelayOptions> options,
    ILogger<RetentionRunner> logger)
{
    private readonly RetentionOptions _options = options.Value.Retention;

    public async Task<RetentionReport> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var expired = 0;
        var deleted = 0;

        // Records first: jobs old enough lose files and record together, without an intermediate write.
        while (!ct.IsCancellationRequested)
        {
            var batch = await retention.ListCompletedBeforeAsync(now - _options.Records, withOutputsOnly: false, _options.BatchSize, ct);
            foreach (var job in batch)
            {
                await DeleteFilesAsync(job, ct);
                if (await retention.DeleteTerminalAsync(job.Id, ct)) deleted++;
            }
            if (batch.Count < _options.BatchSize) break;
        }

        while (!ct.IsCancellationRequested)
        {
            var batch = await retention.ListCompletedBeforeAsync(now - _options.Results, withOutputsOnly: true, _options.BatchSize, ct);
            var progressed = 0;
            foreach (var job in batch)
            {
                await DeleteFilesAsync(job, ct);
                var cleared = job with { Outputs = null, UpdatedAt = now };
                var stored = await jobs.TryUpdateAsync(cleared, null, [new NewJobEvent(JobEventTypes.ResultsExpired, job.Status, job.Progress, now)], [], ct);
                if (stored is not null) { expired++; progressed++; }
            }
            // A lost compare-and-set (someone else wrote the job) is picked up by the next pass; stop rather than spin.
            if (batch.Count < _options.BatchSize || progressed == 0) break;
        }

        if (expired + deleted > 0) LogPass(logger, expired, deleted);
        return new RetentionReport(expired, deleted);
    }

    private async Task DeleteFilesAsync(VideoJob job, CancellationToken ct)
    {
        if (job.Outputs is not { } outputs) return;
        var prefix = JobBlobKeys.Prefix(job.Id);
        foreach (var output in new[] { outputs.Raw, outputs.Min, outputs.Poster })
        {
            if (output.BlobKey.StartsWith(prefix, StringComparison.Ordinal)) await blobs.DeleteAsync(output.BlobKey, ct);
        }
    }

    [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "Retention: results of {Expired} jobs expired, {Deleted} job records deleted")]
    private static partial void LogPass(ILogger logger, int expired, int deleted);
}
