using Microsoft.Extensions.Options;

namespace Reelay.Media;

/// <summary>Stops start-up on an invalid <c>Reelay:Media</c> setting, naming the key.</summary>
public sealed class MediaOptionsValidator : IValidateOptions<MediaOptions>
{
    /// <summary>Smallest result cap accepted: below it no real clip could be ingested.</summary>
    public const long MinimumResultBytes = 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, MediaOptions o)
    {
        var errors = new List<string>();
        void Check(bool ok, string setting, string rule, object? value)
        {
            if (!ok) errors.Add($"{MediaOptions.Section}:{setting} {rule} (was '{value}').");
        }
        Check(!string.IsNullOrWhiteSpace(o.FfmpegPath), nameof(o.FfmpegPath), "must name the ffmpeg executable", o.FfmpegPath);
        Check(!string.IsNullOrWhiteSpace(o.FfprobePath), nameof(o.FfprobePath), "must name the ffprobe executable", o.FfprobePath);
        Check(MediaOptions.Presets.Contains(o.Preset), nameof(o.Preset), "must be an x264 preset (" + string.Join(", ", MediaOptions.Presets) + ")", o.Preset);
        Check(o.MaxResultBytes >= MinimumResultBytes, nameof(o.MaxResultBytes), $"must be at least {MinimumResultBytes}", o.MaxResultBytes);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
