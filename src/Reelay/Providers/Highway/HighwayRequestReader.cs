using System.Globalization;
using System.Text.Json;
using Reelay.Api.Json;
using Reelay.Jobs;
using Reelay.Webhooks;

namespace Reelay.Providers.Highway;

/// <summary>
/// Reads Highway's Kling 2.5 Turbo bodies (docs/dialects.md §3, seed 001). i2v: <c>image</c> (URL or base64) and
/// <c>prompt</c> required; t2v: <c>prompt</c> required plus <c>aspect_ratio</c>. Both: <c>duration</c> "5"|"10"
/// (a string; the integers 5 and 10 are accepted too), <c>cfg_scale</c> 0..1, <c>mode</c> "pro" only,
/// <c>negative_prompt</c> ≤ 2500, and Novita's <c>extra.webhook.url</c>. Unknown members are ignored.
/// Errors are keyed by Highway field names.
/// </summary>
public static class HighwayRequestReader
{
    public const string Model = "kling-v2-5-turbo";
    public const int MaxPromptLength = 2500;

    /// <summary>Extension keys (VideoRequest.Extensions) this dialect writes.</summary>
    public const string TaskTypeExtension = "highway.task_type";
    public const string DroppedCfgScaleExtension = "highway.cfg_scale";

    private static readonly string[] AspectRatios = ["16:9", "9:16", "1:1"];

    public static VideoRequest? Read(JsonElement body, bool imageToVideo, FieldErrors errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", $"must be a JSON object (was {JsonFields.Describe(body)})");
            return null;
        }

        string? image = null;
        if (imageToVideo)
        {
            image = JsonFields.String(body, "image", errors);
            if (image is null && !errors.Has("image")) errors.Add("image", "is required");
            else if (image is { Length: 0 }) errors.Add("image", "must not be empty");
        }

        var prompt = JsonFields.String(body, "prompt", errors);
        if (prompt is null && !errors.Has("prompt")) errors.Add("prompt", "is required");
        else if (prompt is not null && string.IsNullOrWhiteSpace(prompt)) errors.Add("prompt", "must not be empty");
        else if (prompt is { Length: > MaxPromptLength }) errors.Add("prompt", $"must be at most {MaxPromptLength} characters");

        var negative = JsonFields.String(body, "negative_prompt", errors);
        if (negative is { Length: > MaxPromptLength }) errors.Add("negative_prompt", $"must be at most {MaxPromptLength} characters");

        var duration = ReadDuration(body, errors);

        var cfg = JsonFields.Number(body, "cfg_scale", errors);
        if (cfg is < 0 or > 1) errors.Add("cfg_scale", "must be between 0 and 1");

        var mode = JsonFields.String(body, "mode", errors);
        if (mode is not null && mode != "pro") errors.Add("mode", "must be \"pro\"");

        string aspect = "16:9";
        if (!imageToVideo && JsonFields.String(body, "aspect_ratio", errors) is { } a)
        {
            if (AspectRatios.Contains(a)) aspect = a;
            else errors.Add("aspect_ratio", $"must be one of {string.Join(", ", AspectRatios)}");
        }

        var webhookUrl = ReadWebhookUrl(body, errors);
        if (!errors.IsEmpty) return null;

        // Kling 2.5 Turbo ignores cfg_scale and Reelay's catalog refuses it for v2.x models; Highway accepts it,
        // so it is dropped here (and remembered) rather than failing the request.
        var extensions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TaskTypeExtension] = imageToVideo ? HighwayTaskTypes.ImageToVideo : HighwayTaskTypes.TextToVideo,
        };
        if (cfg is { } c) extensions[DroppedCfgScaleExtension] = c.ToString("R", CultureInfo.InvariantCulture);

        return new VideoRequest
        {
            Model = Model,
            Prompt = prompt,
            NegativePrompt = string.IsNullOrEmpty(negative) ? null : negative,
            DurationSeconds = duration,
            AspectRatio = aspect,
            Mode = VideoMode.Pro,
            StartImage = image,
            Webhook = webhookUrl is null ? null : new WebhookTarget(webhookUrl, [WebhookEvents.Completed]),
            Extensions = extensions,
        };
    }

    /// <summary>Maps the core validator's field names back to Highway's.</summary>
    public static string FieldOf(string nativeField) => nativeField switch
    {
        "start_image" => "image",
        "webhook.url" or "webhook.events" => "extra.webhook.url",
        _ => nativeField,
    };

    private static int ReadDuration(JsonElement body, FieldErrors errors)
    {
        if (!body.TryGetProperty("duration", out var v) || v.ValueKind == JsonValueKind.Null) return 5;
        var text = v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
        if (text is "5" or "10") return int.Parse(text, CultureInfo.InvariantCulture);
        errors.Add("duration", "must be \"5\" or \"10\"");
        return 5;
    }

    private static string? ReadWebhookUrl(JsonElement body, FieldErrors errors)
    {
        if (JsonFields.Object(body, "extra", errors) is not { } extra) return null;
        if (JsonFields.Object(extra, "webhook", errors, "extra.webhook") is not { } webhook) return null;
        var url = JsonFields.String(webhook, "url", errors, "extra.webhook.url");
        if (url is null && !errors.Has("extra.webhook.url")) errors.Add("extra.webhook.url", "is required when extra.webhook is given");
        return url;
    }
}
