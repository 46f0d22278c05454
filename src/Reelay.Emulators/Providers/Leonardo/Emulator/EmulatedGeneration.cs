using System.Globalization;
using Reelay.Emulation;
using Reelay.Providers.Leonardo.Contract;

namespace Reelay.Providers.Leonardo.Emulator;

/// <summary>
/// One generation of the emulator. Its whole life is fixed at creation, so its status at any instant is computed,
/// never stored: <c>PENDING</c> until <see cref="EndsAt"/>, then <c>COMPLETE</c> or <c>FAILED</c>.
/// </summary>
internal sealed class EmulatedGeneration : TimedTask
{
    public required LeonardoParsedRequest Request { get; init; }

    /// <summary>The one generated output's id (what a client passes back as a <c>GENERATED</c> image).</summary>
    public string ImageId { get; } = Guid.NewGuid().ToString("D");

    public string StatusAt(DateTimeOffset now) =>
        now < EndsAt ? "PENDING" : Outcome == EmulatedOutcome.Succeed ? "COMPLETE" : "FAILED";

    /// <summary>
    /// The generation as it stands at <paramref name="now"/>. Once complete, <paramref name="resultUrl"/> links the video;
    /// the emulator renders no poster, so <c>url</c> links the video too. A moderated one is FAILED with its output flagged nsfw.
    /// </summary>
    public LeonardoGeneration At(DateTimeOffset now, Func<EmulatedGeneration, string> resultUrl)
    {
        var status = StatusAt(now);
        // One link per answer, shown as both url and motionMP4URL (a lapsed one lapses in both).
        var link = status == "COMPLETE" ? resultUrl(this) : "";
        IReadOnlyList<LeonardoGeneratedImage> images = status switch
        {
            "COMPLETE" => [new LeonardoGeneratedImage(ImageId, link, link, Nsfw: false, LikeCount: 0)],
            "FAILED" when Outcome == EmulatedOutcome.ContentRejected => [new LeonardoGeneratedImage(ImageId, "", null, Nsfw: true, LikeCount: 0)],
            _ => [],
        };
        return new LeonardoGeneration
        {
            Id = Id,
            Status = status,
            CreatedAt = SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture),
            Prompt = Request.Prompt,
            NegativePrompt = Request.NegativePrompt,
            ImageWidth = Request.Width,
            ImageHeight = Request.Height,
            Seed = Request.Seed,
            Public = Request.Extensions.GetValueOrDefault(LeonardoExtensions.IsPublic) == "true",
            MotionModel = Request.Model.Name,
            PromptMagic = Request.PromptEnhance,
            GeneratedImages = images,
        };
    }
}
