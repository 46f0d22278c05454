using System.Globalization;
using System.Text.Json;
using Reelay.Api.Json;
using Reelay.Jobs;

namespace Reelay.Providers.Leonardo;

/// <summary>
/// Reads the body of <c>generations-image-to-video</c> / <c>generations-text-to-video</c>. Wrong JSON types land in
/// <c>typeErrors</c> (answered as <c>parse-failed</c>), bad values in <c>valueErrors</c> (<c>validation-failed</c>); keys
/// are Leonardo field paths. Unknown members are ignored, as Leonardo's REST layer does (so <c>enhancePrompt</c>, a
/// common misspelling of <c>promptEnhance</c>, has no effect).
/// </summary>
public static class LeonardoRequestReader
{
    public const long MaxSeed = 2147483637;
    private const int MinSide = 128;
    private const int MaxSide = 4096;

    private static readonly (string Ratio, double Value)[] AspectRatios =
        [("16:9", 16.0 / 9), ("9:16", 9.0 / 16), ("1:1", 1), ("4:3", 4.0 / 3), ("3:4", 3.0 / 4), ("21:9", 21.0 / 9)];

    public static LeonardoParsedRequest? Read(JsonElement body, bool imageToVideo, FieldErrors typeErrors, FieldErrors valueErrors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            typeErrors.Add("$", $"the body must be a JSON object (was {JsonFields.Describe(body)})");
            return null;
        }

        var prompt = JsonFields.String(body, "prompt", typeErrors, "$.prompt");
        if (prompt is null && !typeErrors.Has("$.prompt")) valueErrors.Add("$.prompt", "field 'prompt' is required");

        LeonardoImageRef? image = null;
        if (imageToVideo)
        {
            var imageId = JsonFields.String(body, "imageId", typeErrors, "$.imageId");
            var imageType = JsonFields.String(body, "imageType", typeErrors, "$.imageType");
            if (imageId is null && !typeErrors.Has("$.imageId")) valueErrors.Add("$.imageId", "field 'imageId' is required");
            else if (imageId is { Length: 0 }) valueErrors.Add("$.imageId", "must not be empty");
            if (imageType is null && !typeErrors.Has("$.imageType")) valueErrors.Add("$.imageType", "field 'imageType' is required");
            var type = imageType is null ? null : ImageType(imageType, "$.imageType", valueErrors);
            if (imageId is { Length: > 0 } && type is not null) image = new LeonardoImageRef(imageId, type);
        }

        LeonardoImageRef? endFrame = null;
        if (JsonFields.Object(body, "endFrameImage", typeErrors, "$.endFrameImage") is { } end)
        {
            var id = JsonFields.String(end, "id", typeErrors, "$.endFrameImage.id");
            var t = JsonFields.String(end, "type", typeErrors, "$.endFrameImage.type");
            if (id is not { Length: > 0 } && !typeErrors.Has("$.endFrameImage.id")) valueErrors.Add("$.endFrameImage.id", "field 'id' is required");
            if (t is null && !typeErrors.Has("$.endFrameImage.type")) valueErrors.Add("$.endFrameImage.type", "field 'type' is required");
            var type = t is null ? null : ImageType(t, "$.endFrameImage.type", valueErrors);
            if (id is { Length: > 0 } && type is not null) endFrame = new LeonardoImageRef(id, type);
            if (!imageToVideo) valueErrors.Add("$.endFrameImage", "is supported only with image-to-video");
        }

        var modelName = JsonFields.String(body, "model", typeErrors, "$.model") ?? LeonardoModels.Default;
        var model = LeonardoModels.Find(modelName);
        if (model is null)
            valueErrors.Add("$.model", $"unexpected value '{modelName}' for enum 'MotionVideoModel'; expected one of {string.Join(", ", LeonardoModels.Names)}");

        var resolution = JsonFields.String(body, "resolution", typeErrors, "$.resolution") ?? LeonardoResolution.Default;
        var shortSide = LeonardoResolution.ShortSide(resolution);
        if (shortSide is null)
            valueErrors.Add("$.resolution", $"unexpected value '{resolution}' for enum 'VideoResolution'; expected one of {string.Join(", ", LeonardoResolution.All)}");

        var duration = JsonFields.Integer(body, "duration", typeErrors, "$.duration");
        var seed = JsonFields.Integer(body, "seed", typeErrors, "$.seed");
        if (seed is < 0 or > MaxSeed) valueErrors.Add("$.seed", $"must be between 0 and {MaxSeed}");
        var negativePrompt = JsonFields.String(body, "negativePrompt", typeErrors, "$.negativePrompt");
        var promptEnhance = JsonFields.Boolean(body, "promptEnhance", typeErrors, "$.promptEnhance");
        var instruction = JsonFields.String(body, "promptEnhanceInstruction", typeErrors, "$.promptEnhanceInstruction");
        var frameInterpolation = JsonFields.Boolean(body, "frameInterpolation", typeErrors, "$.frameInterpolation");
        var isPublic = JsonFields.Boolean(body, "isPublic", typeErrors, "$.isPublic");
        var width = JsonFields.Integer(body, "width", typeErrors, "$.width");
        var height = JsonFields.Integer(body, "height", typeErrors, "$.height");
        var styleIds = JsonFields.StringArray(body, "styleIds", typeErrors, "$.styleIds");
        if (styleIds is not null && styleIds.Any(s => !Guid.TryParse(s, out _)))
            valueErrors.Add("$.styleIds", "each style id must be a UUID");
        var elements = ReadElements(body, typeErrors, valueErrors);

        if (model is null || shortSide is null) return null;

        var chosenDuration = (int)Math.Clamp(duration ?? model.DefaultDuration, int.MinValue, int.MaxValue);
        if (duration is not null && !model.Durations.Contains(chosenDuration))
            valueErrors.Add("$.duration", $"must be one of {string.Join(", ", model.Durations)} for model {model.Name} (was {duration})");
        if (elements is not null && !model.Elements)
            valueErrors.Add("$.elements", $"elements are supported only by model MOTION2 (was {model.Name})");
        if (endFrame is not null && !model.EndFrame)
            valueErrors.Add("$.endFrameImage", $"an end frame is supported only by model KLING2_1 (was {model.Name})");

        var (w, h, aspect) = Size(model, shortSide.Value, width, height, valueErrors);

        if (!typeErrors.IsEmpty || !valueErrors.IsEmpty) return null;

        var extensions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [LeonardoExtensions.Model] = model.Name,
            [LeonardoExtensions.Resolution] = resolution,
            [LeonardoExtensions.Width] = w.ToString(CultureInfo.InvariantCulture),
            [LeonardoExtensions.Height] = h.ToString(CultureInfo.InvariantCulture),
            [LeonardoExtensions.IsPublic] = isPublic == true ? "true" : "false",
        };
        if (frameInterpolation is { } fi) extensions[LeonardoExtensions.FrameInterpolation] = fi ? "true" : "false";
        if (instruction is not null) extensions[LeonardoExtensions.PromptEnhanceInstruction] = instruction;
        if (styleIds is { Count: > 0 }) extensions[LeonardoExtensions.StyleIds] = string.Join(',', styleIds);
        if (elements is not null) extensions[LeonardoExtensions.Elements] = elements;

        return new LeonardoParsedRequest
        {
            Model = model,
            Prompt = prompt!,
            NegativePrompt = negativePrompt,
            Resolution = resolution,
            ShortSide = shortSide.Value,
            Width = w,
            Height = h,
            AspectRatio = aspect,
            Duration = chosenDuration,
            Seed = seed,
            PromptEnhance = promptEnhance ?? false,
            Image = image,
            EndFrame = endFrame,
            Extensions = extensions,
        };
    }

    private static string? ImageType(string value, string path, FieldErrors valueErrors)
    {
        if (string.Equals(value, LeonardoImageRef.Uploaded, StringComparison.OrdinalIgnoreCase)) return LeonardoImageRef.Uploaded;
        if (string.Equals(value, LeonardoImageRef.Generated, StringComparison.OrdinalIgnoreCase)) return LeonardoImageRef.Generated;
        valueErrors.Add(path, $"unexpected value '{value}' for enum 'InitImageType'; expected one of UPLOADED, GENERATED");
        return null;
    }

    /// <summary>Checks <c>elements</c> ([{akUUID, weight}]) and returns them as compact JSON to keep on the job.</summary>
    private static string? ReadElements(JsonElement body, FieldErrors typeErrors, FieldErrors valueErrors)
    {
        if (!body.TryGetProperty("elements", out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Array)
        {
            typeErrors.Add("$.elements", $"must be an array (was {JsonFields.Describe(v)})");
            return null;
        }
        var i = 0;
        foreach (var e in v.EnumerateArray())
        {
            var path = $"$.elements[{i++}]";
            if (e.ValueKind != JsonValueKind.Object)
            {
                typeErrors.Add(path, $"must be an object (was {JsonFields.Describe(e)})");
                continue;
            }
            var id = JsonFields.String(e, "akUUID", typeErrors, path + ".akUUID");
            if (id is null && !typeErrors.Has(path + ".akUUID")) valueErrors.Add(path + ".akUUID", "field 'akUUID' is required");
            else if (id is not null && !Guid.TryParse(id, out _)) valueErrors.Add(path + ".akUUID", "must be a UUID");
            JsonFields.Number(e, "weight", typeErrors, path + ".weight");
        }
        return v.GetRawText();
    }

    /// <summary>Output size and the aspect ratio Reelay renders: from width/height when given, else 16:9 at the resolution.</summary>
    private static (int Width, int Height, string Aspect) Size(LeonardoModel model, int shortSide, long? width, long? height, FieldErrors valueErrors)
    {
        if (width is null && height is null)
        {
            if (model.FixedSizes is { } only) return (only[0].Width, only[0].Height, "16:9");
            return (Even(shortSide * 16.0 / 9), shortSide, "16:9");
        }
        if (width is null || height is null)
        {
            valueErrors.Add(width is null ? "$.width" : "$.height", "width and height must be given together");
            return (0, 0, "16:9");
        }
        if (model.FixedSizes is { } sizes && !sizes.Contains(((int)Math.Clamp(width.Value, 0, MaxSide * 2), (int)Math.Clamp(height.Value, 0, MaxSide * 2))))
        {
            valueErrors.Add("$.width", $"model {model.Name} accepts only {string.Join(", ", sizes.Select(s => $"{s.Width}x{s.Height}"))} (was {width}x{height})");
            return (0, 0, "16:9");
        }
        if (width is < MinSide or > MaxSide || height is < MinSide or > MaxSide)
        {
            valueErrors.Add(width is < MinSide or > MaxSide ? "$.width" : "$.height", $"width and height must be between {MinSide} and {MaxSide}");
            return (0, 0, "16:9");
        }
        var ratio = (double)width.Value / height.Value;
        foreach (var (name, value) in AspectRatios)
        {
            if (Math.Abs(ratio / value - 1) <= 0.02) return ((int)width.Value, (int)height.Value, name);
        }
        valueErrors.Add("$.width", $"{width}x{height} has no supported aspect ratio; use one of {string.Join(", ", AspectRatios.Select(a => a.Ratio))}");
        return (0, 0, "16:9");
    }

    private static int Even(double v) => (int)Math.Round(v / 2) * 2;
}
