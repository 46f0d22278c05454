using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.HyprLab.Contract;
using Reelay.Storage.Blobs;

namespace Reelay.Providers.HyprLab.Upstream;

/// <summary>
/// Builds the HyprLab create body from a job. HyprLab names a model and its quality in one (kling-v2.1-pro): the
/// catalog model + mode is turned into that name, or, for a job that came in through Reelay's HyprLab dialect, the
/// name the caller used is kept when it means the same. Stored images are sent inline as data URIs, so HyprLab
/// never needs to reach Reelay. A job HyprLab cannot serve fails with engine_unavailable; nothing is silently changed.
/// </summary>
internal sealed class HyprLabUpstreamRequestMapper(IBlobStore blobs, HyprLabUpstreamOptions options)
{
    /// <summary>Largest image sent inline (HyprLab publishes no limit; Kling's 10 MB applies underneath).</summary>
    public const int MaxImageBytes = 10 * 1024 * 1024;

    private static readonly string[] AspectRatios = ["16:9", "1:1", "9:16"];
    private static readonly int[] Durations = [5, 10];

    public async Task<(HyprLabVideoRequest? Body, EngineOutcome? Refusal)> MapAsync(VideoJob job, CancellationToken ct)
    {
        var r = job.Request;
        var model = ModelName(r);
        if (model is null)
            return Refuse($"HyprLab upstream '{options.Name}' has no model for {r.Model} in mode {(r.Mode == VideoMode.Pro ? "pro" : "std")}");
        if (!Durations.Contains(r.DurationSeconds))
            return Refuse($"HyprLab upstream '{options.Name}' renders 5 or 10 s only (job asks for {r.DurationSeconds} s)");
        var i2v = !string.IsNullOrEmpty(r.StartImage);
        if (!i2v && !AspectRatios.Contains(r.AspectRatio))
            return Refuse($"HyprLab upstream '{options.Name}' does not offer aspect ratio {r.AspectRatio}");
        if (r.CfgScale is < 0 or > 1)
            return (null, EngineOutcome.Failed(JobErrorCodes.InvalidInput, "cfg_scale must be between 0 and 1 for HyprLab"));

        var (start, startError) = await InlineAsync(r.StartImage, "start image", ct).ConfigureAwait(false);
        if (startError is not null) return (null, startError);
        var (end, endError) = await InlineAsync(r.EndImage, "end image", ct).ConfigureAwait(false);
        if (endError is not null) return (null, endError);

        return (new HyprLabVideoRequest
        {
            Model = model,
            // HyprLab requires a non-empty prompt; an image-only job is described by its image.
            Prompt = string.IsNullOrWhiteSpace(r.Prompt) ? "animate the image" : r.Prompt,
            Duration = r.DurationSeconds,
            CfgScale = r.CfgScale,
            StartImage = start,
            EndImage = end,
            AspectRatio = i2v ? null : r.AspectRatio,
            NegativePrompt = string.IsNullOrEmpty(r.NegativePrompt) ? null : r.NegativePrompt,
        }, null);
    }

    /// <summary>HyprLab's name for the job's catalog model and mode (one name per pair), or null when HyprLab has none.</summary>
    public static string? ModelName(VideoRequest r) => Outbound(r.Model, r.Mode);

    private static string? Outbound(string model, VideoMode mode) => (model.ToLowerInvariant(), mode) switch
    {
        ("kling-v1", VideoMode.Std) => "kling-v1-standard",
        ("kling-v1", VideoMode.Pro) => "kling-v1-pro",
        ("kling-v1-5", VideoMode.Std) => "kling-v1.5-standard",
        ("kling-v1-5", VideoMode.Pro) => "kling-v1.5-pro",
        ("kling-v1-6", VideoMode.Std) => "kling-v1.6-standard",
        ("kling-v1-6", VideoMode.Pro) => "kling-v1.6-pro",
        ("kling-v2-master", _) => "kling-v2",
        ("kling-v2-1", VideoMode.Std) => "kling-v2.1-standard",
        ("kling-v2-1", VideoMode.Pro) => "kling-v2.1-pro",
        ("kling-v2-1-master", _) => "kling-v2.1-master",
        ("kling-v2-5-turbo", VideoMode.Std) => "kling-v2.5-turbo-standard",
        ("kling-v2-5-turbo", VideoMode.Pro) => "kling-v2.5-turbo-pro",
        ("kling-v2-6", VideoMode.Pro) => "kling-v2.6-pro",
        _ => null,
    };

    /// <summary>A stored reference becomes a data URI; a URL, data URI or bare base64 passes through (HyprLab takes all three).</summary>
    private async Task<(string? Value, EngineOutcome? Error)> InlineAsync(string? reference, string what, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(reference)) return (null, null);
        if (!reference.StartsWith(BlobKeys.ReferencePrefix, StringComparison.Ordinal)) return (reference, null);
        if (BlobKeys.FromReference(reference) is not { } key)
            return (null, EngineOutcome.Failed(JobErrorCodes.InvalidInput, $"{what} reference '{reference}' is not a valid blob key"));
        var info = await blobs.StatAsync(key, ct).ConfigureAwait(false);
        await using var stream = info is null ? null : await blobs.OpenReadAsync(key, ct).ConfigureAwait(false);
        if (stream is null) return (null, EngineOutcome.Failed(JobErrorCodes.InvalidInput, $"{what} '{reference}' is no longer stored"));
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxImageBytes)
                return (null, EngineOutcome.Failed(JobErrorCodes.InvalidInput, $"{what} is larger than {MaxImageBytes / (1024 * 1024)} MB"));
            buffer.Write(chunk, 0, read);
        }
        return ($"data:{info!.ContentType};base64,{Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length)}", null);
    }

    private static (HyprLabVideoRequest?, EngineOutcome?) Refuse(string message) =>
        (null, EngineOutcome.Failed(JobErrorCodes.EngineUnavailable, message));
}
