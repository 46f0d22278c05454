using System.Text.Json;
using Reelay.Api.Json;
using Reelay.Jobs;
using Reelay.Providers.ApiFrame.Contract;

namespace Reelay.Providers.ApiFrame;

/// <summary>
/// Reads a <c>/kling-imagine</c> body as liberally as APIFrame does: unknown members are ignored, and
/// <c>duration</c> and <c>cfg_scale</c> may be numeric strings (<c>"5"</c>, <c>"0.5"</c>). Every documented
/// enum and range is checked here, so errors name APIFrame's fields; errors are keyed by those names.
/// </summary>
public static class ApiFrameImagineReader
{
    public static ApiFrameImagineRequest? Read(JsonElement body, FieldErrors errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", $"must be a JSON object (was {JsonFields.Describe(body)})");
            return null;
        }

        var prompt = JsonFields.String(body, "prompt", errors);
        if (prompt is null && !errors.Has("prompt")) errors.Add("prompt", "is required");
        else if (prompt is not null && string.IsNullOrWhiteSpace(prompt)) errors.Add("prompt", "must not be empty");

        var type = JsonFields.String(body, "generation_type", errors);
        if (type is null && !errors.Has("generation_type")) errors.Add("generation_type", "is required");
        else if (type is not null && !ApiFrameValues.GenerationTypes.Contains(type)) errors.Add("generation_type", MustBeOneOf(ApiFrameValues.GenerationTypes));

        var imageUrl = JsonFields.String(body, "image_url", errors);
        var endImageUrl = JsonFields.String(body, "end_image_url", errors);
        if (type == ApiFrameValues.ImageToVideo && string.IsNullOrEmpty(imageUrl) && !errors.Has("image_url"))
            errors.Add("image_url", "is required when generation_type is 'image2video'");

        var model = JsonFields.String(body, "model", errors);
        if (model is not null && !ApiFrameValues.Models.Contains(model)) errors.Add("model", MustBeOneOf(ApiFrameValues.Models));

        var mode = JsonFields.String(body, "mode", errors);
        if (mode is not null && !ApiFrameValues.Modes.Contains(mode)) errors.Add("mode", MustBeOneOf(ApiFrameValues.Modes));
        else if (mode == "pro" && (model ?? ApiFrameValues.DefaultModel) != ApiFrameValues.ProModel)
            errors.Add("mode", $"'pro' works only with model '{ApiFrameValues.ProModel}'");

        var aspect = JsonFields.String(body, "aspect_ratio", errors);
        if (aspect is not null && !ApiFrameValues.AspectRatios.Contains(aspect)) errors.Add("aspect_ratio", MustBeOneOf(ApiFrameValues.AspectRatios));

        var duration = JsonFields.Integer(body, "duration", errors, allowIntegerString: true);
        if (duration is not null && !ApiFrameValues.Durations.Contains((int)Math.Clamp(duration.Value, int.MinValue, int.MaxValue)))
            errors.Add("duration", $"must be 5 or 10 (was {duration})");

        var cfg = JsonFields.Number(body, "cfg_scale", errors, allowNumericString: true);
        if (cfg is < 0 or > 1) errors.Add("cfg_scale", $"must be a float between 0 and 1 (was {cfg})");

        var request = new ApiFrameImagineRequest
        {
            Prompt = prompt ?? "",
            GenerationType = type ?? "",
            NegativePrompt = JsonFields.String(body, "negative_prompt", errors),
            ImageUrl = imageUrl,
            EndImageUrl = endImageUrl,
            Mode = mode,
            AspectRatio = aspect,
            Model = model,
            Duration = (int?)duration,
            CfgScale = cfg,
            WebhookUrl = JsonFields.String(body, "webhook_url", errors),
            WebhookSecret = JsonFields.String(body, "webhook_secret", errors),
        };
        return errors.IsEmpty ? request : null;
    }

    private static string MustBeOneOf(IEnumerable<string> values) => $"must be one of {string.Join(", ", values.Select(v => $"'{v}'"))}";
}
