using System.Text.Json;
using Reelay.Api.Json;
using Reelay.Jobs;
using Reelay.Webhooks;

namespace Reelay.Api.Native;

/// <summary>Reads a native create body (snake_case) into a <see cref="VideoRequest"/>, collecting every type error.</summary>
public static class NativeRequestReader
{
    public const string DefaultModel = "local";

    private static readonly HashSet<string> Known =
    [
        "model", "prompt", "negative_prompt", "cfg_scale", "duration", "aspect_ratio", "mode", "start_image",
        "end_image", "seed", "enhance_prompt", "camera_control", "webhook", "external_id", "metadata",
    ];

    private static readonly HashSet<string> KnownCameraConfig = ["horizontal", "vertical", "pan", "tilt", "roll", "zoom"];

    public static VideoRequest? Read(JsonElement body, FieldErrors errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", $"must be a JSON object (was {JsonFields.Describe(body)})");
            return null;
        }
        JsonFields.RejectUnknown(body, Known, errors);

        var duration = JsonFields.Integer(body, "duration", errors);
        if (duration is < int.MinValue or > int.MaxValue) { errors.Add("duration", "is out of range"); duration = null; }
        var modeText = JsonFields.String(body, "mode", errors);
        VideoMode mode = VideoMode.Std;
        if (modeText is not null)
        {
            if (modeText == "pro") mode = VideoMode.Pro;
            else if (modeText != "std") errors.Add("mode", "must be 'std' or 'pro'");
        }

        var request = new VideoRequest
        {
            Model = JsonFields.String(body, "model", errors) ?? DefaultModel,
            Prompt = JsonFields.String(body, "prompt", errors),
            NegativePrompt = JsonFields.String(body, "negative_prompt", errors),
            CfgScale = JsonFields.Number(body, "cfg_scale", errors),
            DurationSeconds = (int)(duration ?? 5),
            AspectRatio = JsonFields.String(body, "aspect_ratio", errors) ?? "16:9",
            Mode = mode,
            StartImage = JsonFields.String(body, "start_image", errors),
            EndImage = JsonFields.String(body, "end_image", errors),
            Seed = JsonFields.Integer(body, "seed", errors),
            EnhancePrompt = JsonFields.Boolean(body, "enhance_prompt", errors) ?? false,
            CameraControl = ReadCamera(body, errors),
            Webhook = ReadWebhook(body, errors),
            ExternalId = JsonFields.String(body, "external_id", errors),
            Metadata = JsonFields.StringMap(body, "metadata", errors),
        };
        return errors.IsEmpty ? request : null;
    }

    private static CameraControl? ReadCamera(JsonElement body, FieldErrors errors)
    {
        if (JsonFields.Object(body, "camera_control", errors) is not { } cam) return null;
        var type = JsonFields.String(cam, "type", errors, "camera_control.type");
        if (type is null)
        {
            errors.Add("camera_control.type", "is required");
            return null;
        }
        CameraConfig? config = null;
        if (JsonFields.Object(cam, "config", errors, "camera_control.config") is { } c)
        {
            JsonFields.RejectUnknown(c, KnownCameraConfig, errors, "camera_control.config.");
            double Axis(string n) => JsonFields.Number(c, n, errors, "camera_control.config." + n) ?? 0;
            config = new CameraConfig(Axis("horizontal"), Axis("vertical"), Axis("pan"), Axis("tilt"), Axis("roll"), Axis("zoom"));
        }
        return new CameraControl(type, config);
    }

    private static WebhookTarget? ReadWebhook(JsonElement body, FieldErrors errors)
    {
        if (!body.TryGetProperty("webhook", out var w) || w.ValueKind == JsonValueKind.Null) return null;
        if (w.ValueKind == JsonValueKind.String) return new WebhookTarget(w.GetString()!, []);
        if (w.ValueKind != JsonValueKind.Object)
        {
            errors.Add("webhook", "must be an object {url, events} or a URL string");
            return null;
        }
        var url = JsonFields.String(w, "url", errors, "webhook.url");
        if (url is null)
        {
            errors.Add("webhook.url", "is required");
            return null;
        }
        return new WebhookTarget(url, JsonFields.StringArray(w, "events", errors, "webhook.events") ?? []);
    }
}
