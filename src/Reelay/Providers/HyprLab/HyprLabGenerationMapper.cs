using Reelay.Api;
using Reelay.Jobs;
using Reelay.Providers.HyprLab.Contract;

namespace Reelay.Providers.HyprLab;

/// <summary>Renders a job as HyprLab's polling answer, with a signed video link once it succeeded.</summary>
public sealed class HyprLabGenerationMapper(ResultLinks links, TimeProvider time)
{
    public HyprLabGenerationStatus ToStatus(VideoJob job, string baseUrl, LinkPurpose purpose = LinkPurpose.Read)
    {
        var status = HyprLabStatus.Of(job.Status);
        IReadOnlyList<HyprLabUrl>? data = null;
        HyprLabFailure? failure = null;
        if (job.Status == JobStatus.Succeeded && job.Outputs is not null)
            data = [new HyprLabUrl(links.Build(baseUrl, job, "raw", time.GetUtcNow(), links.LifetimeFor(purpose)))];
        else if (status == HyprLabStatus.Failed)
            failure = new HyprLabFailure(job.Error?.Message ?? $"The generation {job.Status.ToNativeName()}.");
        return new HyprLabGenerationStatus(job.Id, status, job.CreatedAt.ToUnixTimeSeconds(), data, failure);
    }
}
