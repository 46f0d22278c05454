using Reelay.Webhooks;
namespace Reelay.Jobs;

/// <summary>
/// Checks a canonical request against the model catalog and the platform's limits. Image contents
/// (format, size, dimensions) are checked later when the image is fetched or decoded.
/// </summary>
public sealed class VideoRequestValidator(ModelCatalog catalog)
{
    public const int MaxPromptLength = 2500;
    public const int MaxExternalIdLength = 128;
    public const int MaxMetadataEntries = 16;
    public const long MaxSeed = uint.MaxValue;

    private static readonly HashSet<string> CameraTypes =
        ["simple", "down_back", "forward_up", "right_turn_forward", "left_turn_forward"];

    public FieldErrors Validate(VideoRequest r)
    {
        var errors = new FieldErrors();
        var model = catalog.Find(r.Model);
        if (model is null)
        {
            errors.Add("model", $"unknown model '{r.Model}'; known: {string.Join(", ", catalog.Models.Select(m => m.Name))}");
        }

        var hasStart = !string.IsNullOrEmpty(r.StartImage);
        var maxPrompt = Math.Min(MaxPromptLength, model?.MaxPromptLength ?? MaxPromptLength);
        if (r.Prompt is null)
        {
            if (!hasStart) errors.Add("prompt", "is required for text-to-video");
        }
        else if (r.Prompt.Length == 0 || string.IsNullOrWhiteSpace(r.Prompt))
        {
            errors.Add("prompt", "must not be empty");
        }
        else if (r.Prompt.Length > maxPrompt)
        {
            errors.Add("prompt", $"must be at most {maxPrompt} characters (was {r.Prompt.Length})");
        }

        if (r.NegativePrompt is { Length: > MaxPromptLength })
            errors.Add("negative_prompt", $"must be at most {MaxPromptLength} characters (was {r.NegativePrompt.Length})");

        if (r.CfgScale is { } cfg)
        {
            if (double.IsNaN(cfg) || cfg < 0 || cfg > 1) errors.Add("cfg_scale", "must be between 0 and 1");
            else if (model is { CfgScale: false }) errors.Add("cfg_scale", $"is not supported by model '{model.Name}'");
        }

        if (model is not null)
        {
            if (!model.Durations.Contains(r.DurationSeconds))
                errors.Add("duration", $"must be one of {string.Join(", ", model.Durations)} for model '{model.Name}' (was {r.DurationSeconds})");
            if (!model.AspectRatios.Contains(r.AspectRatio))
                errors.Add("aspect_ratio", $"must be one of {string.Join(", ", model.AspectRatios)} for model '{model.Name}' (was '{r.AspectRatio}')");
            var mode = r.Mode == VideoMode.Pro ? "pro" : "std";
            if (!model.Modes.Contains(mode))
                errors.Add("mode", $"must be one of {string.Join(", ", model.Modes)} for model '{model.Name}'");
            if (hasStart && !model.ImageToVideo)
                errors.Add("start_image", $"model '{model.Name}' does not support image-to-video");
            if (!hasStart && !model.TextToVideo)
                errors.Add("start_image", $"is required: model '{model.Name}' supports image-to-video only");
        }

        if (!string.IsNullOrEmpty(r.EndImage))
        {
            if (!hasStart) errors.Add("end_image", "requires start_image");
            else if (model is { EndFrame: false }) errors.Add("end_image", $"is not supported by model '{model.Name}'");
            else if (model is { EndFrameRequiresPro: true } && r.Mode != VideoMode.Pro)
                errors.Add("end_image", $"requires mode 'pro' on model '{model.Name}'");
        }

        if (r.Seed is { } seed && (seed < 0 || seed > MaxSeed))
            errors.Add("seed", $"must be between 0 and {MaxSeed}");

        if (r.CameraControl is { } cam) ValidateCamera(cam, errors);

        if (r.Webhook is { } hook)
        {
            if (!Uri.TryCreate(hook.Url, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https") || hook.Url.Length > 2083)
                errors.Add("webhook.url", "must be an absolute http(s) URL of at most 2083 characters");
            foreach (var e in hook.Events)
            {
                if (!WebhookEvents.All.Contains(e))
                    errors.Add("webhook.events", $"unknown event '{e}'; known: {string.Join(", ", WebhookEvents.All)}");
            }
        }

        if (r.ExternalId is { } ext && (ext.Length == 0 || ext.Length > MaxExternalIdLength))
            errors.Add("external_id", $"must be 1..{MaxExternalIdLength} characters");

        if (r.Metadata is { } meta)
        {
            if (meta.Count > MaxMetadataEntries) errors.Add("metadata", $"must have at most {MaxMetadataEntries} entries");
            foreach (var (k, v) in meta)
            {
                if (k.Length is 0 or > 64 || v.Length > 512)
                    errors.Add("metadata", "keys must be 1..64 characters and values at most 512");
            }
        }

        return errors;
    }

    private static void ValidateCamera(CameraControl cam, FieldErrors errors)
    {
        if (!CameraTypes.Contains(cam.Type))
        {
            errors.Add("camera_control.type", $"must be one of {string.Join(", ", CameraTypes)}");
            return;
        }
        if (cam.Type != "simple") return;
        if (cam.Config is not { } c)
        {
            errors.Add("camera_control.config", "is required when type is 'simple'");
            return;
        }
        double[] axes = [c.Horizontal, c.Vertical, c.Pan, c.Tilt, c.Roll, c.Zoom];
        if (axes.Any(a => double.IsNaN(a) || a < -10 || a > 10))
            errors.Add("camera_control.config", "each value must be between -10 and 10");
        else if (axes.Count(a => a != 0) != 1)
            errors.Add("camera_control.config", "exactly one of horizontal, vertical, pan, tilt, roll, zoom must be non-zero when type is 'simple'");
    }
}
