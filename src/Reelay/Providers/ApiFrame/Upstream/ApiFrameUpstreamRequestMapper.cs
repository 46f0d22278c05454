using Reelay.Api;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.ApiFrame.Contract;
using Reelay.Storage.Blobs;

namespace Reelay.Providers.ApiFrame.Upstream;

/// <summary>
/// Builds the <c>/kling-imagine</c> body from a job. APIFrame serves kling-v1, kling-v1-5 and kling-v1-6, allows
/// <c>pro</c> only with kling-v1-5, and takes images only as URLs: stored images (<c>blob:inputs/...</c>) become
/// signed Reelay links (<see cref="InputImageLinks"/>), which needs Reelay:PublicBaseUrl; without it an
/// image-to-video job fails with a message saying so. A job the upstream cannot serve fails with
/// engine_unavailable (another upstream may serve it); nothing is silently changed.
/// </summary>
internal sealed class ApiFrameUpstreamRequestMapper(ApiFrameUpstreamOptions options, InputImageLinks? links, TimeProvider time)
{
    public const string NeedsPublicBaseUrl = "image-to-video through apiframe needs Reelay:PublicBaseUrl";

    public (ApiFrameImagineRequest? Body, EngineOutcome? Refusal) Map(VideoJob job, string? webhookSecret)
    {
        var r = job.Request;
        var model = ApiFrameValues.Models.FirstOrDefault(m => string.Equals(m, r.Model, StringComparison.OrdinalIgnoreCase));
        if (model is null)
            return Refuse($"model '{r.Model}' is not served by APIFrame upstream '{options.Name}' (it serves {string.Join(", ", ApiFrameValues.Models)})");
        if (r.Mode == VideoMode.Pro && model != ApiFrameValues.ProModel)
            return Refuse($"APIFrame upstream '{options.Name}' offers mode pro only with {ApiFrameValues.ProModel} (job asks for {model})");
        if (!ApiFrameValues.Durations.Contains(r.DurationSeconds))
            return Refuse($"APIFrame upstream '{options.Name}' renders {string.Join(" or ", ApiFrameValues.Durations)} s only (job asks for {r.DurationSeconds} s)");

        var i2v = !string.IsNullOrEmpty(r.StartImage);
        if (!i2v && r.AspectRatio is { } ratio && !ApiFrameValues.AspectRatios.Contains(ratio))
            return Refuse($"APIFrame upstream '{options.Name}' does not offer aspect ratio {ratio}");
        if (!i2v && !string.IsNullOrEmpty(r.EndImage))
            return (null, EngineOutcome.Failed(JobErrorCodes.InvalidInput, "an end image needs a start image on APIFrame (image2video)"));

        string? start = null, end = null;
        if (i2v)
        {
            var (s, startError) = Link(r.StartImage!, "start");
            if (startError is not null) return (null, startError);
            var (e, endError) = string.IsNullOrEmpty(r.EndImage) ? (null, null) : Link(r.EndImage, "end");
            if (endError is not null) return (null, endError);
            (start, end) = (s, e);
        }

        var callbacks = !string.IsNullOrEmpty(options.PublicBaseUrl);
        return (new ApiFrameImagineRequest
        {
            // APIFrame requires a prompt; an image-only job is described by its image.
            Prompt = string.IsNullOrWhiteSpace(r.Prompt) ? "animate the image" : r.Prompt,
            GenerationType = i2v ? ApiFrameValues.ImageToVideo : ApiFrameValues.TextToVideo,
            NegativePrompt = string.IsNullOrEmpty(r.NegativePrompt) ? null : r.NegativePrompt,
            ImageUrl = start,
            EndImageUrl = end,
            Mode = r.Mode == VideoMode.Pro ? "pro" : "std",
            AspectRatio = i2v ? null : r.AspectRatio,
            Model = model,
            Duration = r.DurationSeconds,
            CfgScale = r.CfgScale,
            WebhookUrl = callbacks ? $"{options.PublicBaseUrl!.TrimEnd('/')}/v1/upstream-callbacks/apiframe/{Uri.EscapeDataString(job.Id)}" : null,
            WebhookSecret = callbacks ? webhookSecret : null,
        }, null);
    }

    /// <summary>A stored image becomes a signed Reelay link; an http(s) URL passes through; anything else cannot be sent.</summary>
    private (string? Url, EngineOutcome? Error) Link(string reference, string slot)
    {
        if (reference.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || reference.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return (reference, null);
        if (BlobKeys.FromReference(reference) is null)
            return (null, EngineOutcome.Failed(JobErrorCodes.InvalidInput, $"the {slot} image cannot be sent to APIFrame, which takes images only by URL"));
        if (links is not { Enabled: true })
            return (null, EngineOutcome.Failed(JobErrorCodes.EngineUnavailable, NeedsPublicBaseUrl));
        return links.Build(reference, time.GetUtcNow()) is { } url
            ? (url, null)
            : (null, EngineOutcome.Failed(JobErrorCodes.InvalidInput, $"the {slot} image is no stored input image and cannot be sent to APIFrame"));
    }

    private static (ApiFrameImagineRequest?, EngineOutcome?) Refuse(string message) =>
        (null, EngineOutcome.Failed(JobErrorCodes.EngineUnavailable, message));
}
