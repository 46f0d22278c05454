using System.Text.Json;
using Reelay.Jobs;
using Reelay.Providers.Kling.Contract;
using Reelay.Webhooks;

namespace Reelay.Providers.Kling;

/// <summary>
/// Applies Kling's own value rules (model lists per task kind, string durations, sound on v2.6+, data: prefixes
/// refused, mutually exclusive image2video groups) and translates a <see cref="KlingVideoRequest"/> into the
/// canonical <see cref="VideoRequest"/>. The catalog-wide rules (durations, end frames, camera axes, URL and
/// length limits) run afterwards in <see cref="JobService"/>; <see cref="KlingFieldOf"/> renames their fields.
/// </summary>
public sealed class KlingRequestMapper(ModelCatalog catalog)
{
    public const string TaskTypeExtension = "kling.task_type";
    public const string SoundExtension = "kling.sound";
    public const string WatermarkExtension = "kling.watermark";
    public const string StaticMaskExtension = "kling.static_mask";
    public const string DynamicMasksExtension = "kling.dynamic_masks";
    /// <summary>Set when only <c>image_tail</c> was sent: it became the start image (the local engine needs one).</summary>
    public const string TailOnlyExtension = "kling.image_tail_only";

    public static readonly IReadOnlyList<string> Text2VideoModels =
        ["kling-v1", "kling-v1-6", "kling-v2-master", "kling-v2-1-master", "kling-v2-5-turbo", "kling-v2-6"];

    public static readonly IReadOnlyList<string> Image2VideoModels =
        ["kling-v1", "kling-v1-5", "kling-v1-6", "kling-v2-master", "kling-v2-1", "kling-v2-1-master", "kling-v2-5-turbo", "kling-v2-6"];

    private static readonly string[] AspectRatios = ["16:9", "9:16", "1:1"];

    /// <summary>The canonical request, or null with <paramref name="errors"/> filled under Kling field names.</summary>
    public VideoRequest? ToVideoRequest(KlingVideoRequest k, string kind, FieldErrors errors)
    {
        var i2v = kind == KlingTaskKinds.Image2Video;
        var models = i2v ? Image2VideoModels : Text2VideoModels;
        if (!models.Contains(k.ModelName, StringComparer.Ordinal))
            errors.Add("model_name", $"'{k.ModelName}' is not a {kind} model; supported: {string.Join(", ", models)}");
        var spec = catalog.Find(k.ModelName);

        var prompt = k.Prompt;
        if (i2v && string.IsNullOrEmpty(prompt)) prompt = null;
        if (!i2v && string.IsNullOrWhiteSpace(prompt)) errors.Add("prompt", "is required");
        if (prompt is { Length: > VideoRequestValidator.MaxPromptLength })
            errors.Add("prompt", $"must be at most {VideoRequestValidator.MaxPromptLength} characters (was {prompt.Length})");
        if (k.NegativePrompt is { Length: > VideoRequestValidator.MaxPromptLength })
            errors.Add("negative_prompt", $"must be at most {VideoRequestValidator.MaxPromptLength} characters (was {k.NegativePrompt.Length})");

        // Kling accepts cfg_scale on v2.x models and ignores it: so does Reelay (dropped before validation).
        double? cfg = spec is { CfgScale: false } ? null : k.CfgScale ?? 0.5;
        if (cfg is { } c && (c < 0 || c > 1)) errors.Add("cfg_scale", $"must be between 0 and 1 (was {c})");

        var mode = VideoMode.Std;
        if (k.Mode == "pro") mode = VideoMode.Pro;
        else if (k.Mode is not (null or "std")) errors.Add("mode", $"must be 'std' or 'pro' (was '{k.Mode}')");

        var aspect = k.AspectRatio ?? "16:9";
        if (!AspectRatios.Contains(aspect)) errors.Add("aspect_ratio", $"must be one of {string.Join(", ", AspectRatios)} (was '{aspect}')");

        var duration = k.Duration ?? "5";
        if (duration is not ("5" or "10")) errors.Add("duration", $"must be the string \"5\" or \"10\" (was \"{duration}\")");

        var sound = k.Sound ?? "off";
        if (sound is not ("on" or "off")) errors.Add("sound", $"must be 'on' or 'off' (was '{sound}')");
        else if (sound == "on" && spec is { Sound: false })
            errors.Add("sound", $"'on' is supported from kling-v2-6 on, not by '{k.ModelName}'");

        if (i2v) CheckImageInputs(k, errors);
        if (!errors.IsEmpty) return null;

        var extensions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TaskTypeExtension] = kind,
            [SoundExtension] = sound,
        };
        if (k.WatermarkInfo is { Enabled: true }) extensions[WatermarkExtension] = "true";
        if (k.StaticMask is { } sm) extensions[StaticMaskExtension] = sm;
        if (k.DynamicMasks is { Count: > 0 } dm)
            extensions[DynamicMasksExtension] = JsonSerializer.Serialize(dm, KlingJsonContext.Default.IReadOnlyListKlingDynamicMask);
        var tailOnly = i2v && k.Image is null && k.ImageTail is not null;
        if (tailOnly) extensions[TailOnlyExtension] = "true";

        return new VideoRequest
        {
            Model = k.ModelName,
            Prompt = prompt,
            NegativePrompt = k.NegativePrompt,
            CfgScale = cfg,
            DurationSeconds = duration == "10" ? 10 : 5,
            AspectRatio = aspect,
            Mode = mode,
            StartImage = k.Image ?? k.ImageTail,
            EndImage = k.Image is not null ? k.ImageTail : null,
            CameraControl = k.CameraControl is { } cam
                ? new CameraControl(cam.Type, cam.Config is { } cc ? new CameraConfig(cc.Horizontal, cc.Vertical, cc.Pan, cc.Tilt, cc.Roll, cc.Zoom) : null)
                : null,
            Webhook = k.CallbackUrl is { } url ? new WebhookTarget(url, []) : null,
            ExternalId = k.ExternalTaskId,
            Extensions = extensions,
        };
    }

    /// <summary>
    /// Kling's image2video rules: images are URLs or raw base64 (a <c>data:</c> prefix is refused, as Kling does),
    /// at least one of image / image_tail, and at most one of the groups start+end frame, masks, camera_control.
    /// </summary>
    private static void CheckImageInputs(KlingVideoRequest k, FieldErrors errors)
    {
        RefuseDataUri(k.Image, "image", errors);
        RefuseDataUri(k.ImageTail, "image_tail", errors);
        RefuseDataUri(k.StaticMask, "static_mask", errors);
        if (k.DynamicMasks is { } dm)
        {
            for (var i = 0; i < dm.Count; i++) RefuseDataUri(dm[i].Mask, $"dynamic_masks[{i}].mask", errors);
        }
        if (k.Image is null && k.ImageTail is null) errors.Add("image", "is required (at least one of image and image_tail)");

        var groups = new List<string>(3);
        if (k.Image is not null && k.ImageTail is not null) groups.Add("image+image_tail");
        if (k.StaticMask is not null || k.DynamicMasks is { Count: > 0 }) groups.Add("static_mask/dynamic_masks");
        if (k.CameraControl is not null) groups.Add("camera_control");
        if (groups.Count > 1)
            errors.Add(groups[1] == "camera_control" ? "camera_control" : groups[1] == "static_mask/dynamic_masks" ? "dynamic_masks" : "image_tail",
                $"{string.Join(" and ", groups)} cannot be used together (choose one of image+image_tail, static_mask/dynamic_masks, camera_control)");
    }

    private static void RefuseDataUri(string? value, string field, FieldErrors errors)
    {
        if (value is not null && value.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            errors.Add(field, "must be an image URL or raw base64 without a 'data:' prefix");
    }

    /// <summary>The Kling name of a canonical field reported by <see cref="VideoRequestValidator"/> or the image resolver.</summary>
    public static string KlingFieldOf(string canonical, VideoRequest request) => canonical switch
    {
        "model" => "model_name",
        "start_image" => request.Extension(TailOnlyExtension) == "true" ? "image_tail" : "image",
        "end_image" => "image_tail",
        "webhook.url" or "webhook.events" => "callback_url",
        "external_id" => "external_task_id",
        _ => canonical,
    };
}
