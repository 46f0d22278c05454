using System.Globalization;
using Reelay.Api;
using Reelay.Jobs;
using Reelay.Providers.Highway.Contract;

namespace Reelay.Providers.Highway;

/// <summary>Renders a job as Highway's task result, with a signed video link and its remaining lifetime.</summary>
public sealed class HighwayTaskMapper(ResultLinks links, TimeProvider time)
{
    public HighwayTaskResult ToTaskResult(VideoJob job, string baseUrl, LinkPurpose purpose = LinkPurpose.Read)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<HighwayVideo> videos = [];
        if (job.Status == JobStatus.Succeeded && job.Outputs is not null)
        {
            var lifetime = links.LifetimeFor(purpose);
            var ttl = (long)(ResultLinks.ExpiresAt(now, lifetime) - now).TotalSeconds;
            videos = [new HighwayVideo(links.Build(baseUrl, job, "raw", now, lifetime), ttl.ToString(CultureInfo.InvariantCulture), "mp4")];
        }
        var reason = job.Status is JobStatus.Failed or JobStatus.Canceled ? job.Error?.Message ?? job.Status.ToNativeName() : "";
        var task = new HighwayTask(job.Id, HighwayTaskTypes.Of(job), HighwayTaskStatus.Of(job.Status), reason, Eta(job, now), job.Progress);
        var debug = new HighwayDebugInfo("", Ms(job.CreatedAt), Ms(job.StartedAt), Ms(job.CompletedAt));
        var seed = job.Request.Seed?.ToString(CultureInfo.InvariantCulture) ?? "";
        return new HighwayTaskResult(new HighwayExtra(seed, debug), task, [], videos, []);
    }

    /// <summary>Seconds left, extrapolated from the progress so far; 0 when unknown or finished.</summary>
    private static int Eta(VideoJob job, DateTimeOffset now)
    {
        if (job.Status != JobStatus.Running || job.StartedAt is not { } started || job.Progress is <= 0 or >= 100) return 0;
        var elapsed = (now - started).TotalSeconds;
        return (int)Math.Ceiling(Math.Max(0, elapsed * (100 - job.Progress) / job.Progress));
    }

    private static string Ms(DateTimeOffset? t) => t?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "";
}
