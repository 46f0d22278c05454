using System.Globalization;
using Reelay.Api;
using Reelay.Jobs;
using Reelay.Providers.Higgsfield.Contract;

namespace Reelay.Providers.Higgsfield;

/// <summary>
/// Renders a job as a Higgsfield JobSet holding that one job. Both ids are the Reelay job id, so the set id a
/// client polls is also the id the native API and the CLI show. Result links are signed (no credentials needed).
/// </summary>
public sealed class HiggsfieldJobSetMapper(ResultLinks links, TimeProvider time)
{
    public HiggsfieldJobSet ToJobSet(VideoJob job, string baseUrl, LinkPurpose purpose = LinkPurpose.Read)
    {
        HiggsfieldResults? results = null;
        if (job.Status == JobStatus.Succeeded && job.Outputs is not null)
        {
            var now = time.GetUtcNow();
            results = new HiggsfieldResults(
                new HiggsfieldResult("video", links.Build(baseUrl, job, "min", now, links.LifetimeFor(purpose))),
                new HiggsfieldResult("video", links.Build(baseUrl, job, "raw", now, links.LifetimeFor(purpose))));
        }
        return new HiggsfieldJobSet(job.Id, FormatTime(job.CreatedAt), [new HiggsfieldJob(job.Id, HiggsfieldJobStatus.Of(job), results)]);
    }

    /// <summary>ISO-8601 in UTC with microseconds, the way Python's isoformat writes an aware datetime.</summary>
    public static string FormatTime(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
