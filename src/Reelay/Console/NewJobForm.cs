using System.Globalization;
using Reelay.Jobs;

namespace Reelay.WebConsole;

/// <summary>
/// The create form's fields as a <see cref="VideoRequest"/> (images are added by the page once stored). Only what a
/// form can get wrong by itself is reported here (numbers that are not numbers); every rule on the request is
/// <see cref="VideoRequestValidator"/>'s, the same as for the API.
/// </summary>
public sealed record NewJobForm(VideoRequest? Request, IReadOnlyList<(string Field, string Message)> Errors)
{
    public static NewJobForm Read(
        ModelCatalog catalog, string? prompt, string? negativePrompt, string? model, int? duration, string? mode, string? aspectRatio,
        string? cfg, string? seed)
    {
        var errors = new List<(string, string)>();
        var spec = catalog.Find(model);
        double? cfgScale = null;
        // The slider always sends a value; it counts only for models that take cfg_scale (the script disables it otherwise).
        if (spec is { CfgScale: true } && !string.IsNullOrEmpty(cfg))
        {
            if (double.TryParse(cfg, NumberStyles.Float, CultureInfo.InvariantCulture, out var c)) cfgScale = c;
            else errors.Add(("cfg_scale", "must be a number between 0 and 1"));
        }
        long? seedValue = null;
        if (!string.IsNullOrWhiteSpace(seed))
        {
            if (long.TryParse(seed.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var s)) seedValue = s;
            else errors.Add(("seed", $"must be a whole number between 0 and {VideoRequestValidator.MaxSeed}"));
        }
        var request = new VideoRequest
        {
            Model = model ?? "",
            Prompt = string.IsNullOrWhiteSpace(prompt) ? null : prompt,
            NegativePrompt = string.IsNullOrWhiteSpace(negativePrompt) ? null : negativePrompt,
            DurationSeconds = duration ?? spec?.Durations[0] ?? 5,
            Mode = string.Equals(mode, "pro", StringComparison.Ordinal) ? VideoMode.Pro : VideoMode.Std,
            AspectRatio = string.IsNullOrEmpty(aspectRatio) ? spec?.AspectRatios[0] ?? "16:9" : aspectRatio,
            CfgScale = cfgScale,
            Seed = seedValue,
        };
        return new NewJobForm(errors.Count == 0 ? request : null, errors);
    }
}
