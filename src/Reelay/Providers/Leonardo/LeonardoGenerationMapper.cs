using System.Globalization;
using Reelay.Api;
using Reelay.Jobs;
using Reelay.Providers.Leonardo.Contract;

namespace Reelay.Providers.Leonardo;

/// <summary>
/// Renders a job as a Leonardo generation. Status: queued and running are <c>PENDING</c>, succeeded is <c>COMPLETE</c>,
/// failed and canceled are <c>FAILED</c>. A finished job has one generated image whose id is the job id (so it can be
/// passed back as a <c>GENERATED</c> image id), with the poster as <c>url</c> and the raw video as <c>motionMP4URL</c>.
/// Jobs created through other APIs render with their catalog model name as <c>motionModel</c>.
/// </summary>
public sealed class LeonardoGenerationMapper(ResultLinks links, TimeProvider time)
{
    public LeonardoGeneration ToGeneration(VideoJob job, string baseUrl, LinkPurpose purpose = LinkPurpose.Read)
    {
        var r = job.Request;
        var now = time.GetUtcNow();
        IReadOnlyList<LeonardoGeneratedImage> images = [];
        if (job.Status == JobStatus.Succeeded && job.Outputs is not null)
        {
            images =
            [
                new LeonardoGeneratedImage(
                    job.Id,
                    links.Build(baseUrl, job, "poster", now, links.LifetimeFor(purpose)),
                    links.Build(baseUrl, job, "raw", now, links.LifetimeFor(purpose)),
                    Nsfw: false,
                    LikeCount: 0),
            ];
        }
        return new LeonardoGeneration
        {
            Id = job.Id,
            Status = Status(job),
            CreatedAt = job.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture),
            Prompt = r.Prompt,
            NegativePrompt = r.NegativePrompt,
            ImageWidth = Int(r.Extension(LeonardoExtensions.Width)) ?? job.Outputs?.Raw.Width ?? 0,
            ImageHeight = Int(r.Extension(LeonardoExtensions.Height)) ?? job.Outputs?.Raw.Height ?? 0,
            Seed = r.Seed,
            Public = r.Extension(LeonardoExtensions.IsPublic) == "true",
            MotionModel = r.Extension(LeonardoExtensions.Model) ?? r.Model,
            PromptMagic = r.EnhancePrompt,
            GeneratedImages = images,
        };
    }

    public static string Status(VideoJob job) => job.Status switch
    {
        JobStatus.Succeeded => "COMPLETE",
        JobStatus.Failed or JobStatus.Canceled => "FAILED",
        _ => "PENDING",
    };

    private static int? Int(string? s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}
