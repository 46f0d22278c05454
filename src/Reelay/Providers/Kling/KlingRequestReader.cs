using System.Text.Json;
using Reelay.Api.Json;
using Reelay.Jobs;
using Reelay.Providers.Kling.Contract;

namespace Reelay.Providers.Kling;

/// <summary>
/// Reads a Kling create body into a <see cref="KlingVideoRequest"/>, checking types exactly as Kling does
/// (<c>duration</c> must be a string, <c>cfg_scale</c> a number) and collecting every error under Kling's own
/// field names. Unknown members are ignored, as Kling ignores them. Value rules that need the model catalog
/// are checked later by <see cref="KlingRequestMapper"/>.
/// </summary>
public static class KlingRequestReader
{
    public const int MaxDynamicMasks = 6;
    public const int MinTrajectoryPoints = 2;
    public const int MaxTrajectoryPoints = 77;

    public static KlingVideoRequest? Read(JsonElement body, string kind, FieldErrors errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", $"must be a JSON object (was {JsonFields.Describe(body)})");
            return null;
        }
        var i2v = kind == KlingTaskKinds.Image2Video;

        // model_name wins over the legacy alias model.
        var model = JsonFields.String(body, "model_name", errors) ?? JsonFields.String(body, "model", errors, "model_name");
        var request = new KlingVideoRequest
        {
            ModelName = string.IsNullOrEmpty(model) ? KlingVideoRequest.DefaultModel : model,
            Prompt = JsonFields.String(body, "prompt", errors),
            NegativePrompt = JsonFields.String(body, "negative_prompt", errors),
            CfgScale = JsonFields.Number(body, "cfg_scale", errors),
            Mode = JsonFields.String(body, "mode", errors),
            // image2video has no aspect_ratio (the image decides); a stray one is ignored like any unknown member.
            AspectRatio = i2v ? null : JsonFields.String(body, "aspect_ratio", errors),
            Duration = JsonFields.String(body, "duration", errors),
            CameraControl = ReadCamera(body, errors),
            CallbackUrl = NonEmpty(JsonFields.String(body, "callback_url", errors)),
            ExternalTaskId = JsonFields.String(body, "external_task_id", errors),
            Sound = JsonFields.String(body, "sound", errors),
            WatermarkInfo = ReadWatermark(body, errors),
            Image = i2v ? NonEmpty(JsonFields.String(body, "image", errors)) : null,
            ImageTail = i2v ? NonEmpty(JsonFields.String(body, "image_tail", errors)) : null,
            StaticMask = i2v ? NonEmpty(JsonFields.String(body, "static_mask", errors)) : null,
            DynamicMasks = i2v ? ReadDynamicMasks(body, errors) : null,
        };
        return errors.IsEmpty ? request : null;
    }

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static KlingCameraControl? ReadCamera(JsonElement body, FieldErrors errors)
    {
        if (JsonFields.Object(body, "camera_control", errors) is not { } cam) return null;
        var type = JsonFields.String(cam, "type", errors, "camera_control.type");
        if (type is null)
        {
            if (!errors.Has("camera_control.type")) errors.Add("camera_control.type", "is required");
            return null;
        }
        KlingCameraConfig? config = null;
        if (JsonFields.Object(cam, "config", errors, "camera_control.config") is { } c)
        {
            double Axis(string n) => JsonFields.Number(c, n, errors, "camera_control.config." + n) ?? 0;
            config = new KlingCameraConfig(Axis("horizontal"), Axis("vertical"), Axis("pan"), Axis("tilt"), Axis("roll"), Axis("zoom"));
        }
        return new KlingCameraControl(type, config);
    }

    private static KlingWatermarkInfo? ReadWatermark(JsonElement body, FieldErrors errors)
    {
        if (JsonFields.Object(body, "watermark_info", errors) is not { } w) return null;
        return new KlingWatermarkInfo(JsonFields.Boolean(w, "enabled", errors, "watermark_info.enabled") ?? false);
    }

    private static IReadOnlyList<KlingDynamicMask>? ReadDynamicMasks(JsonElement body, FieldErrors errors)
    {
        if (!body.TryGetProperty("dynamic_masks", out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Array)
        {
            errors.Add("dynamic_masks", $"must be an array (was {JsonFields.Describe(v)})");
            return null;
        }
        var count = v.GetArrayLength();
        if (count > MaxDynamicMasks)
        {
            errors.Add("dynamic_masks", $"must have at most {MaxDynamicMasks} items (had {count})");
            return null;
        }
        var masks = new List<KlingDynamicMask>(count);
        var index = 0;
        foreach (var item in v.EnumerateArray())
        {
            var field = $"dynamic_masks[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(field, "must be an object {mask, trajectories}");
                continue;
            }
            var mask = JsonFields.String(item, "mask", errors, field + ".mask");
            if (string.IsNullOrEmpty(mask) && !errors.Has(field + ".mask")) errors.Add(field + ".mask", "is required");
            var points = ReadTrajectory(item, field + ".trajectories", errors);
            if (!string.IsNullOrEmpty(mask) && points is not null) masks.Add(new KlingDynamicMask(mask, points));
        }
        return masks;
    }

    private static List<KlingTrajectoryPoint>? ReadTrajectory(JsonElement item, string field, FieldErrors errors)
    {
        if (!item.TryGetProperty("trajectories", out var t) || t.ValueKind != JsonValueKind.Array)
        {
            errors.Add(field, "is required: an array of {x, y} points");
            return null;
        }
        var n = t.GetArrayLength();
        if (n is < MinTrajectoryPoints or > MaxTrajectoryPoints)
        {
            errors.Add(field, $"must have {MinTrajectoryPoints}..{MaxTrajectoryPoints} points (had {n})");
            return null;
        }
        var points = new List<KlingTrajectoryPoint>(n);
        foreach (var p in t.EnumerateArray())
        {
            if (p.ValueKind != JsonValueKind.Object ||
                !p.TryGetProperty("x", out var x) || x.ValueKind != JsonValueKind.Number || !x.TryGetInt32(out var xi) ||
                !p.TryGetProperty("y", out var y) || y.ValueKind != JsonValueKind.Number || !y.TryGetInt32(out var yi))
            {
                errors.Add(field, "each point must be an object with integer x and y");
                return null;
            }
            points.Add(new KlingTrajectoryPoint(xi, yi));
        }
        return points;
    }
}
