using System.Globalization;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Leonardo.Contract;
using Reelay.Storage.Blobs;

namespace Reelay.Providers.Leonardo.Upstream;

/// <summary>
/// Builds a Leonardo create body from a job. Catalog models Leonardo serves: <c>kling-v2-1</c> (KLING2_1, the only one
/// with an end frame) and <c>kling-v2-5-turbo</c> (KLING2_5); a job that came in through Reelay's Leonardo dialect keeps
/// the Leonardo model it named when that model runs as the job's catalog model (so MOTION2/VEO3 jobs on <c>local</c>
/// can be relayed to an upstream whose Models list <c>local</c>). Mode std → RESOLUTION_720 (or the 480 the caller
/// asked), pro → RESOLUTION_1080. Text-to-video sends width × height for the aspect ratio (KLING2_5: its three fixed
/// sizes only); image-to-video follows the image. Leonardo has no cfg_scale, camera control nor mask fields: those are
/// left to its defaults. Stored images are uploaded first (init-image flow) and named by id. A job Leonardo cannot
/// serve fails with engine_unavailable; nothing is silently changed.
/// </summary>
internal sealed class LeonardoUpstreamRequestMapper(LeonardoUpstreamOptions options)
{
    private static readonly Dictionary<string, string> ByCatalogModel = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kling-v2-1"] = "KLING2_1",
        ["kling-v2-5-turbo"] = "KLING2_5",
    };

    /// <summary>The catalog models this upstream serves by their own Leonardo model.</summary>
    public static IReadOnlyList<string> CatalogModels { get; } = [.. ByCatalogModel.Keys.Order(StringComparer.Ordinal)];

    private static readonly HashSet<string> Extensions = ["png", "jpg", "jpeg", "webp"];

    public (LeonardoUpstreamPlan? Plan, EngineOutcome? Refusal) Map(VideoJob job)
    {
        var r = job.Request;
        var model = ModelOf(r);
        if (model is null)
            return Refuse($"model '{r.Model}' is not served by this upstream ('{options.Name}' serves {string.Join(", ", ByCatalogModel.Keys)})");
        if (!model.Durations.Contains(r.DurationSeconds))
            return Refuse($"Leonardo upstream '{options.Name}' renders {model.Name} at {string.Join(" or ", model.Durations)} s only (job asks for {r.DurationSeconds} s)");
        var i2v = !string.IsNullOrEmpty(r.StartImage);
        if (!string.IsNullOrEmpty(r.EndImage) && !(model.EndFrame && i2v))
            return Refuse($"Leonardo upstream '{options.Name}' takes an end frame only with a start image and model KLING2_1 (job runs {model.Name})");
        if (!i2v && string.IsNullOrWhiteSpace(r.Prompt)) return Invalid("Leonardo requires a prompt for text-to-video");
        if (r.Seed is < 0 or > LeonardoRequestReader.MaxSeed) return Invalid($"seed must be between 0 and {LeonardoRequestReader.MaxSeed} for Leonardo");

        var resolution = ResolutionOf(r);
        int? width = null, height = null;
        if (!i2v)
        {
            var size = SizeOf(r, model, LeonardoResolution.ShortSide(resolution)!.Value);
            if (size is null) return Refuse($"Leonardo upstream '{options.Name}' has no {model.Name} size for aspect ratio {r.AspectRatio}");
            (width, height) = size.Value;
        }

        LeonardoImageUpload? start = null, end = null;
        if (i2v)
        {
            var (s, error) = Upload("start", r.StartImage!);
            if (error is not null) return (null, error);
            start = s;
        }
        if (!string.IsNullOrEmpty(r.EndImage))
        {
            var (e, error) = Upload("end", r.EndImage);
            if (error is not null) return (null, error);
            end = e;
        }

        var styles = r.Extension(LeonardoExtensions.StyleIds);
        var body = new LeonardoVideoRequest
        {
            // Leonardo requires a prompt; an image-only job is described by its image.
            Prompt = string.IsNullOrWhiteSpace(r.Prompt) ? "animate the image" : r.Prompt,
            Model = model.Name,
            Resolution = resolution,
            Duration = r.DurationSeconds,
            Width = width,
            Height = height,
            Seed = r.Seed,
            NegativePrompt = string.IsNullOrEmpty(r.NegativePrompt) ? null : r.NegativePrompt,
            PromptEnhance = r.EnhancePrompt ? true : null,
            PromptEnhanceInstruction = r.Extension(LeonardoExtensions.PromptEnhanceInstruction),
            FrameInterpolation = Bool(r.Extension(LeonardoExtensions.FrameInterpolation)),
            IsPublic = Bool(r.Extension(LeonardoExtensions.IsPublic)),
            StyleIds = string.IsNullOrEmpty(styles) ? null : styles.Split(','),
        };
        return (new LeonardoUpstreamPlan(body, start, end), null);
    }

    /// <summary>The Leonardo model for the job: the one a Leonardo caller named (if it runs as this catalog model), else by catalog model.</summary>
    public static LeonardoModel? ModelOf(VideoRequest r)
    {
        if (r.Extension(LeonardoExtensions.Model) is { } named && LeonardoModels.Find(named) is { } m &&
            string.Equals(m.CatalogModel, r.Model, StringComparison.OrdinalIgnoreCase))
            return m;
        return ByCatalogModel.TryGetValue(r.Model, out var name) ? LeonardoModels.Find(name) : null;
    }

    private static string ResolutionOf(VideoRequest r)
    {
        var asked = r.Extension(LeonardoExtensions.Resolution);
        if (asked is not null && LeonardoResolution.ShortSide(asked) is { } side && LeonardoResolution.Mode(side) == r.Mode) return asked;
        return r.Mode == VideoMode.Pro ? "RESOLUTION_1080" : LeonardoResolution.Default;
    }

    private static (int Width, int Height)? SizeOf(VideoRequest r, LeonardoModel model, int shortSide)
    {
        var parts = r.AspectRatio.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h) || w <= 0 || h <= 0)
            return null;
        if (model.FixedSizes is { } sizes)
        {
            foreach (var s in sizes)
            {
                if (s.Width * h == s.Height * w) return s;
            }
            return null;
        }
        if (int.TryParse(r.Extension(LeonardoExtensions.Width), NumberStyles.None, CultureInfo.InvariantCulture, out var ew) &&
            int.TryParse(r.Extension(LeonardoExtensions.Height), NumberStyles.None, CultureInfo.InvariantCulture, out var eh))
            return (ew, eh);
        return w >= h ? (Even(shortSide * (double)w / h), shortSide) : (shortSide, Even(shortSide * (double)h / w));
    }

    /// <summary>Only stored inputs (<c>blob:inputs/...</c>) can be uploaded; Reelay keeps every accepted image that way.</summary>
    private (LeonardoImageUpload?, EngineOutcome?) Upload(string role, string reference)
    {
        if (BlobKeys.FromReference(reference) is not { } key)
            return (null, EngineOutcome.Failed(JobErrorCodes.InvalidInput, $"{role} image '{Shorten(reference)}' is not a stored input; Leonardo upstream '{options.Name}' uploads stored images only"));
        var extension = Path.GetExtension(key).TrimStart('.').ToLowerInvariant();
        if (!Extensions.Contains(extension))
            return (null, EngineOutcome.Failed(JobErrorCodes.InvalidInput, $"{role} image '{key}' is not a png, jpg or webp file"));
        return (new LeonardoImageUpload(role, key, extension), null);
    }

    private static bool? Bool(string? s) => s switch { "true" => true, "false" => false, _ => null };

    private static int Even(double v) => (int)Math.Round(v / 2) * 2;

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";

    private static (LeonardoUpstreamPlan?, EngineOutcome?) Refuse(string message) => (null, EngineOutcome.Failed(JobErrorCodes.EngineUnavailable, message));

    private static (LeonardoUpstreamPlan?, EngineOutcome?) Invalid(string message) => (null, EngineOutcome.Failed(JobErrorCodes.InvalidInput, message));
}
