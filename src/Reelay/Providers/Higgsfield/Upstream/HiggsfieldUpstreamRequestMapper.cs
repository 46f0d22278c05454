using System.Globalization;
using System.Security.Cryptography;
using Reelay.Api;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Higgsfield.Contract;

namespace Reelay.Providers.Higgsfield.Upstream;

/// <summary>
/// Builds the <c>POST /generate/kling-2-5</c> body from a job. Only Kling 2.5 Turbo is served (the endpoint's one
/// model); anything else is refused as final. Higgsfield takes a start image by URL only, so a stored input becomes a
/// signed Reelay link (<see cref="InputImageLinks"/>) — possible only when Reelay:PublicBaseUrl is set; without it an
/// image job is refused as final with a message saying so. Aspect ratio, mode and end image have no Higgsfield field:
/// an end image is refused, aspect ratio and mode are left to the upstream's defaults. With a public base URL the
/// request asks for the webhook, with a fresh random secret per submit (the callback endpoint treats any POST as a
/// hint to poll now and never trusts the body, so the secret only keeps Higgsfield's contract).
/// </summary>
internal sealed class HiggsfieldUpstreamRequestMapper(HiggsfieldUpstreamOptions options, InputImageLinks? links, TimeProvider time)
{
    public const string ServedModel = HiggsfieldModels.Default;

    public (HiggsfieldGenerateRequest? Body, EngineOutcome? Refusal) Map(VideoJob job)
    {
        var r = job.Request;
        if (!string.Equals(r.Model, ServedModel, StringComparison.OrdinalIgnoreCase))
            return (null, EngineOutcome.Failed(JobErrorCodes.EngineUnavailable,
                $"model '{r.Model}' is not served by this upstream ('{options.Name}' serves {ServedModel} only)"));
        if (string.IsNullOrWhiteSpace(r.Prompt)) return (null, Invalid("Higgsfield requires a prompt"));
        if (r.Prompt.Length > HiggsfieldRequestReader.MaxPromptLength)
            return (null, Invalid($"prompt is longer than Higgsfield's {HiggsfieldRequestReader.MaxPromptLength} characters"));
        if (r.DurationSeconds is not (5 or 10)) return (null, Invalid("Higgsfield generates 5 or 10 second videos only"));
        if (!string.IsNullOrEmpty(r.EndImage)) return (null, Invalid($"Higgsfield upstream '{options.Name}' takes no end image"));

        HiggsfieldInputImage? image = null;
        if (!string.IsNullOrEmpty(r.StartImage))
        {
            var url = ImageUrl(r.StartImage);
            if (url is null)
                return (null, EngineOutcome.Failed(JobErrorCodes.EngineUnavailable,
                    $"Higgsfield upstream '{options.Name}' takes start images by URL only, and Reelay:PublicBaseUrl is not set, so there is no " +
                    "link it could fetch the stored image from; set Reelay:PublicBaseUrl or route image jobs to another upstream"));
            image = new HiggsfieldInputImage(HiggsfieldInputImage.ImageUrlType, url);
        }

        var body = new HiggsfieldGenerateParams
        {
            Prompt = r.Prompt,
            Duration = r.DurationSeconds,
            Model = ServedModel,
            CfgScale = CfgScaleOf(r),
            EnhancePrompt = r.EnhancePrompt,
            NegativePrompt = string.IsNullOrEmpty(r.NegativePrompt) ? null : r.NegativePrompt,
            InputImage = image,
        };
        return (new HiggsfieldGenerateRequest(body) { Webhook = WebhookFor(job.Id) }, null);
    }

    public const string CallbackType = "higgsfield";

    private HiggsfieldWebhook? WebhookFor(string jobId) =>
        string.IsNullOrEmpty(options.PublicBaseUrl)
            ? null
            : new HiggsfieldWebhook($"{options.PublicBaseUrl.TrimEnd('/')}/v1/upstream-callbacks/{CallbackType}/{Uri.EscapeDataString(jobId)}",
                Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    /// <summary>A caller's URL passes through; a stored input becomes a signed link; anything else has no URL.</summary>
    private string? ImageUrl(string reference)
    {
        if (reference.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || reference.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            return reference;
        return links?.Build(reference, time.GetUtcNow());
    }

    /// <summary>The job's cfg_scale, else the one a Higgsfield caller gave and the catalog made Reelay drop (Higgsfield takes it).</summary>
    private static double? CfgScaleOf(VideoRequest r)
    {
        if (r.CfgScale is { } c) return c is >= 0 and <= 1 ? Math.Round(c, 1) : null;
        return double.TryParse(r.Extension(HiggsfieldRequestReader.DroppedCfgScaleExtension), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d is >= 0 and <= 1
            ? d
            : null;
    }

    private static EngineOutcome Invalid(string message) => EngineOutcome.Failed(JobErrorCodes.InvalidInput, message);
}
