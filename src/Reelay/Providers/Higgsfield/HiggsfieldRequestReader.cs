using System.Globalization;
using System.Text.Json;
using Reelay.Jobs;
using Reelay.Webhooks;

namespace Reelay.Providers.Higgsfield;

/// <summary>
/// Reads a <c>POST /generate/kling-2-5</c> body (<c>{"params":{...},"webhook":{url,secret}}</c>) into a canonical
/// request, checking every field the way Higgsfield's pydantic model does (types, 1..1000 prompt, cfg_scale 0..1 in
/// steps of 0.1, duration 5|10, input_image object, URL ≤ 2083). Unknown members are ignored, as pydantic does.
/// </summary>
public static class HiggsfieldRequestReader
{
    public const int MaxPromptLength = 1000;
    public const int MaxUrlLength = 2083;

    /// <summary>Extension keys (VideoRequest.Extensions) this dialect writes.</summary>
    public const string ModelExtension = "higgsfield.model";
    public const string WebhookSecretExtension = "higgsfield.webhook_secret";
    public const string DroppedCfgScaleExtension = "higgsfield.cfg_scale";

    private const string NotAnObject = "Input should be a valid dictionary or object to extract fields from";

    public static VideoRequest? Read(JsonElement body, ModelCatalog catalog, HiggsfieldValidation errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add(NotAnObject, "model_attributes_type", "body");
            return null;
        }

        VideoRequest? request = null;
        if (!body.TryGetProperty("params", out var p) || p.ValueKind == JsonValueKind.Null) errors.Missing("body", "params");
        else if (p.ValueKind != JsonValueKind.Object) errors.Add(NotAnObject, "model_attributes_type", "body", "params");
        else request = ReadParams(p, catalog, errors);

        var webhook = ReadWebhook(body, errors);
        if (!errors.IsEmpty || request is null) return null;
        if (webhook is not { } hook) return request;

        var extensions = new Dictionary<string, string>(request.Extensions ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (hook.Secret is not null) extensions[WebhookSecretExtension] = hook.Secret;
        return request with { Webhook = new WebhookTarget(hook.Url, [WebhookEvents.Completed]), Extensions = extensions };
    }

    private static VideoRequest? ReadParams(JsonElement p, ModelCatalog catalog, HiggsfieldValidation errors)
    {
        var prompt = ReadString(p, "prompt", errors, required: true);
        if (prompt is { Length: 0 }) errors.Add("String should have at least 1 character", "string_too_short", "body", "params", "prompt");
        else if (prompt is { Length: > MaxPromptLength })
            errors.Add($"String should have at most {MaxPromptLength} characters", "string_too_long", "body", "params", "prompt");

        var cfg = ReadCfgScale(p, errors);
        var duration = ReadDuration(p, errors);

        bool? enhance = null;
        if (p.TryGetProperty("enhance_prompt", out var e) && e.ValueKind != JsonValueKind.Null)
        {
            if (e.ValueKind is JsonValueKind.True or JsonValueKind.False) enhance = e.GetBoolean();
            else errors.Add("Input should be a valid boolean", "bool_type", "body", "params", "enhance_prompt");
        }

        var image = ReadInputImage(p, errors);
        var negative = ReadString(p, "negative_prompt", errors, required: false);

        var modelName = ReadString(p, "model", errors, required: false);
        var model = HiggsfieldModels.Resolve(modelName ?? HiggsfieldModels.Default, catalog);
        if (modelName is not null && model is null)
            errors.Add($"Input should be '{HiggsfieldModels.Default}' or a model of this server's catalog ({string.Join(", ", catalog.Models.Select(m => m.Name))})",
                "literal_error", "body", "params", "model");

        if (!errors.IsEmpty || model is null) return null;

        var extensions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (modelName is not null) extensions[ModelExtension] = modelName;
        // Higgsfield takes cfg_scale for every model; Kling v2.x models ignore it, and the catalog refuses it for them.
        // Drop it (remembering the value) instead of failing a request Higgsfield itself would accept.
        if (cfg is { } c && !model.CfgScale)
        {
            extensions[DroppedCfgScaleExtension] = c.ToString("R", CultureInfo.InvariantCulture);
            cfg = null;
        }

        return new VideoRequest
        {
            Model = model.Name,
            Prompt = prompt,
            NegativePrompt = string.IsNullOrEmpty(negative) ? null : negative,
            CfgScale = cfg,
            DurationSeconds = duration ?? 5,
            EnhancePrompt = enhance ?? false,
            StartImage = image,
            Extensions = extensions.Count == 0 ? null : extensions,
        };
    }

    private static string? ReadString(JsonElement obj, string name, HiggsfieldValidation errors, bool required, params object[] parent)
    {
        object[] loc = parent.Length == 0 ? ["body", "params", name] : [.. parent, name];
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) errors.Missing(loc);
            return null;
        }
        if (v.ValueKind == JsonValueKind.String) return v.GetString();
        errors.Add("Input should be a valid string", "string_type", loc);
        return null;
    }

    private static double? ReadCfgScale(JsonElement p, HiggsfieldValidation errors)
    {
        if (!p.TryGetProperty("cfg_scale", out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var cfg) || !double.IsFinite(cfg))
        {
            errors.Add("Input should be a valid number", "float_type", "body", "params", "cfg_scale");
            return null;
        }
        if (cfg < 0) errors.Add("Input should be greater than or equal to 0", "greater_than_equal", "body", "params", "cfg_scale");
        else if (cfg > 1) errors.Add("Input should be less than or equal to 1", "less_than_equal", "body", "params", "cfg_scale");
        else if (Math.Abs(cfg * 10 - Math.Round(cfg * 10)) > 1e-9)
            errors.Add("Input should be a multiple of 0.1", "multiple_of", "body", "params", "cfg_scale");
        else return cfg;
        return null;
    }

    private static int? ReadDuration(JsonElement p, HiggsfieldValidation errors)
    {
        if (!p.TryGetProperty("duration", out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var d) && d is 5 or 10) return d;
        errors.Add("Input should be 5 or 10", "literal_error", "body", "params", "duration");
        return null;
    }

    private static string? ReadInputImage(JsonElement p, HiggsfieldValidation errors)
    {
        if (!p.TryGetProperty("input_image", out var img) || img.ValueKind == JsonValueKind.Null) return null;
        if (img.ValueKind != JsonValueKind.Object)
        {
            errors.Add(NotAnObject, "model_attributes_type", "body", "params", "input_image");
            return null;
        }
        object[] at = ["body", "params", "input_image"];
        var type = ReadString(img, "type", errors, required: true, at);
        if (type is not null && type != "image_url") errors.Add("Input should be 'image_url'", "literal_error", [.. at, "type"]);

        object[] urlLoc = [.. at, "image_url"];
        if (!img.TryGetProperty("image_url", out var u) || u.ValueKind == JsonValueKind.Null)
        {
            errors.Missing(urlLoc);
            return null;
        }
        if (u.ValueKind != JsonValueKind.String)
        {
            errors.Add("URL input should be a string or URL", "url_type", urlLoc);
            return null;
        }
        var url = u.GetString()!;
        if (url.Length == 0) errors.Add("Input should be a valid URL, input is empty", "url_parsing", urlLoc);
        else if (url.Length > MaxUrlLength) errors.Add($"URL should have at most {MaxUrlLength} characters", "url_too_long", urlLoc);
        else if (!Uri.TryCreate(url, UriKind.Absolute, out _)) errors.Add("Input should be a valid URL, relative URL without a base", "url_parsing", urlLoc);
        else return url;
        return null;
    }

    private static (string Url, string? Secret)? ReadWebhook(JsonElement body, HiggsfieldValidation errors)
    {
        if (!body.TryGetProperty("webhook", out var w) || w.ValueKind == JsonValueKind.Null) return null;
        if (w.ValueKind != JsonValueKind.Object)
        {
            errors.Add(NotAnObject, "model_attributes_type", "body", "webhook");
            return null;
        }
        object[] at = ["body", "webhook"];
        var url = ReadString(w, "url", errors, required: true, at);
        var secret = ReadString(w, "secret", errors, required: false, at);
        if (url is null) return null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || url.Length > MaxUrlLength)
        {
            errors.Add("Input should be a valid URL, relative URL without a base", "url_parsing", [.. at, "url"]);
            return null;
        }
        return (url, secret);
    }
}
