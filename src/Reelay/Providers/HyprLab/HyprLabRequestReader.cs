using System.Globalization;
using System.Text.Json;
using Reelay.Api.Json;
using Reelay.Jobs;

namespace Reelay.Providers.HyprLab;

/// <summary>
/// Reads a <c>POST /v1/video/generations</c> body (docs/dialects.md §4, seed 002): model (HyprLab names), prompt
/// (non-empty), duration 5|10 (integer), cfg_scale 0..1, start_image / end_image (URL, data URI or bare base64),
/// aspect_ratio 16:9|1:1|9:16 (ignored when start_image is set), negative_prompt. Unknown members are ignored.
/// Errors are keyed by HyprLab field names.
/// </summary>
public static class HyprLabRequestReader
{
    /// <summary>Extension keys (VideoRequest.Extensions) this dialect writes.</summary>
    public const string ModelExtension = "hyprlab.model";
    public const string DroppedCfgScaleExtension = "hyprlab.cfg_scale";

    private static readonly string[] AspectRatios = ["16:9", "1:1", "9:16"];

    public static VideoRequest? Read(JsonElement body, ModelCatalog catalog, FieldErrors errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", $"must be a JSON object (was {JsonFields.Describe(body)})");
            return null;
        }

        var modelName = JsonFields.String(body, "model", errors);
        (ModelSpec Model, VideoMode Mode)? model = null;
        if (modelName is null)
        {
            if (!errors.Has("model")) errors.Add("model", "is required");
        }
        else
        {
            model = HyprLabModels.Resolve(modelName, catalog);
            if (model is null) errors.Add("model", $"'{modelName}' is not a supported model; use one of {string.Join(", ", HyprLabModels.Known)}");
        }

        var prompt = JsonFields.String(body, "prompt", errors);
        if (prompt is null && !errors.Has("prompt")) errors.Add("prompt", "is required");
        else if (prompt is not null && string.IsNullOrWhiteSpace(prompt)) errors.Add("prompt", "must be a non-empty string");

        var duration = 5;
        if (body.TryGetProperty("duration", out var d) && d.ValueKind != JsonValueKind.Null)
        {
            if (d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out var n) && n is 5 or 10) duration = n;
            else errors.Add("duration", "must be either 5 or 10");
        }

        var cfg = JsonFields.Number(body, "cfg_scale", errors);
        if (cfg is < 0 or > 1) errors.Add("cfg_scale", "must be a number between 0 and 1");

        var start = JsonFields.String(body, "start_image", errors);
        var end = JsonFields.String(body, "end_image", errors);
        var aspect = JsonFields.String(body, "aspect_ratio", errors);
        if (aspect is not null && !AspectRatios.Contains(aspect)) errors.Add("aspect_ratio", $"must be one of {string.Join(", ", AspectRatios.Select(a => $"\"{a}\""))}");
        var negative = JsonFields.String(body, "negative_prompt", errors);

        if (!errors.IsEmpty || model is not { } m) return null;

        var extensions = new Dictionary<string, string>(StringComparer.Ordinal) { [ModelExtension] = modelName! };
        // HyprLab takes cfg_scale for every model; Kling v2.x ignores it and the catalog refuses it there: drop it.
        if (cfg is { } c && !m.Model.CfgScale)
        {
            extensions[DroppedCfgScaleExtension] = c.ToString("R", CultureInfo.InvariantCulture);
            cfg = null;
        }
        var hasStart = !string.IsNullOrEmpty(start);
        return new VideoRequest
        {
            Model = m.Model.Name,
            Mode = m.Mode,
            Prompt = prompt,
            NegativePrompt = string.IsNullOrEmpty(negative) ? null : negative,
            CfgScale = cfg,
            DurationSeconds = duration,
            // Ignored when start_image is set: the video follows the image.
            AspectRatio = hasStart ? "16:9" : aspect ?? "16:9",
            StartImage = hasStart ? start : null,
            EndImage = string.IsNullOrEmpty(end) ? null : end,
            Extensions = extensions,
        };
    }
}
