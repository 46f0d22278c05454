using Microsoft.Extensions.Options;
using Reelay.Api;
using Reelay.Hosting;
using Reelay.Jobs;

namespace Reelay.Api.Native;

/// <summary>Renders a stored job as the native video object, with signed result links.</summary>
public sealed class NativeVideoMapper(ResultLinks links, IOptions<ReelayOptions> options, TimeProvider time)
{
    private readonly TimeSpan _retention = options.Value.Retention.Results;

    public NativeVideo ToNative(VideoJob job, string baseUrl, LinkPurpose purpose = LinkPurpose.Read)
    {
        var r = job.Request;
        var now = time.GetUtcNow();
        NativeVideoOutputs? outputs = null;
        if (job.Outputs is { } o)
        {
            outputs = new NativeVideoOutputs(
                File(o.Raw, "raw"),
                File(o.Min, "min"),
                File(o.Poster, "poster"));
        }

        return new NativeVideo
        {
            Id = job.Id,
            Status = job.Status.ToNativeName(),
            Progress = job.Progress,
            Model = r.Model,
            Dialect = job.Dialect,
            Prompt = r.Prompt,
            NegativePrompt = r.NegativePrompt,
            CfgScale = r.CfgScale,
            Duration = r.DurationSeconds,
            AspectRatio = r.AspectRatio,
            Mode = r.Mode == VideoMode.Pro ? "pro" : "std",
            Seed = r.Seed,
            ExternalId = r.ExternalId,
            Metadata = r.Metadata,
            CreatedAt = job.CreatedAt.ToUnixTimeSeconds(),
            StartedAt = job.StartedAt?.ToUnixTimeSeconds(),
            CompletedAt = job.CompletedAt?.ToUnixTimeSeconds(),
            ExpiresAt = job.Status == JobStatus.Succeeded && job.CompletedAt is { } c ? (c + _retention).ToUnixTimeSeconds() : null,
            Error = job.Error is { } e ? new NativeVideoError(e.Code, e.Message) : null,
            Outputs = outputs,
        };

        NativeOutputFile File(VideoOutput v, string variant) =>
            new(links.Build(baseUrl, job, variant, now, links.LifetimeFor(purpose)), v.ContentType, v.Bytes, v.DurationSeconds, v.Width, v.Height, v.Codec);
    }
}
