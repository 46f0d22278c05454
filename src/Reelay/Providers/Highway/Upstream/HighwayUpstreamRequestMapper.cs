using System.Globalization;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Highway.Contract;
using Reelay.Storage.Blobs;

namespace Reelay.Providers.Highway.Upstream;

/// <summary>
/// Builds the Highway create body from a job: i2v with a start image, t2v without. Only Kling 2.5 Turbo is served
/// (Highway's endpoints are for that model); other models are refused as final. A stored image
/// (<c>blob:inputs/...</c>) is sent inline as raw base64, so the upstream never needs to reach Reelay. Highway renders
/// in pro mode only, so every job is sent as <c>pro</c>. An end image has no Highway field and is refused. With a
/// public base URL the request asks for Novita's webhook (<c>extra.webhook.url</c>), a hint to poll now.
/// </summary>
internal sealed class HighwayUpstreamRequestMapper(IBlobStore blobs, HighwayUpstreamOptions options)
{
    public const string ServedModel = HighwayRequestReader.Model;

    /// <summary>Highway's documented limit per image.</summary>
    public const int MaxImageBytes = 10 * 1024 * 1024;

    private static readonly string[] AspectRatios = ["16:9", "9:16", "1:1"];

    public static bool IsImageToVideo(VideoJob job) => !string.IsNullOrEmpty(job.Request.StartImage);

    public async Task<(HighwayCreateRequest? Body, EngineOutcome? Refusal)> MapAsync(VideoJob job, CancellationToken ct)
    {
        var r = job.Request;
        if (!string.Equals(r.Model, ServedModel, StringComparison.OrdinalIgnoreCase))
            return (null, EngineOutcome.Failed(JobErrorCodes.EngineUnavailable,
                $"model '{r.Model}' is not served by this upstream ('{options.Name}' serves {ServedModel} only)"));
        if (string.IsNullOrWhiteSpace(r.Prompt)) return (null, Invalid("Highway requires a prompt"));
        if (r.Prompt.Length > HighwayRequestReader.MaxPromptLength)
            return (null, Invalid($"prompt is longer than Highway's {HighwayRequestReader.MaxPromptLength} characters"));
        if (r.NegativePrompt is { Length: > HighwayRequestReader.MaxPromptLength })
            return (null, Invalid($"negative prompt is longer than Highway's {HighwayRequestReader.MaxPromptLength} characters"));
        if (r.DurationSeconds is not (5 or 10)) return (null, Invalid("Highway generates 5 or 10 second videos only"));
        if (!string.IsNullOrEmpty(r.EndImage)) return (null, Invalid($"Highway upstream '{options.Name}' takes no end image"));

        string? image = null, aspect = null;
        if (IsImageToVideo(job))
        {
            var (inline, error) = await InlineAsync(r.StartImage!, ct).ConfigureAwait(false);
            if (error is not null) return (null, error);
            image = inline;
        }
        else
        {
            aspect = r.AspectRatio ?? "16:9";
            if (!AspectRatios.Contains(aspect)) return (null, Invalid($"Highway takes aspect ratios {string.Join(", ", AspectRatios)} only"));
        }

        return (new HighwayCreateRequest
        {
            Image = image,
            Prompt = r.Prompt,
            Duration = r.DurationSeconds.ToString(CultureInfo.InvariantCulture),
            AspectRatio = aspect,
            CfgScale = CfgScaleOf(r),
            NegativePrompt = string.IsNullOrEmpty(r.NegativePrompt) ? null : r.NegativePrompt,
            Extra = string.IsNullOrEmpty(options.PublicBaseUrl)
                ? null
                : new HighwayCreateExtra(new HighwayWebhookTarget(
                    $"{options.PublicBaseUrl.TrimEnd('/')}/v1/upstream-callbacks/{CallbackType}/{Uri.EscapeDataString(job.Id)}")),
        }, null);
    }

    public const string CallbackType = "highway";

    /// <summary>The job's cfg_scale, else the one a Highway caller gave and the catalog made Reelay drop.</summary>
    private static double? CfgScaleOf(VideoRequest r)
    {
        if (r.CfgScale is { } c) return c is >= 0 and <= 1 ? c : null;
        return double.TryParse(r.Extension(HighwayRequestReader.DroppedCfgScaleExtension), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d is >= 0 and <= 1
            ? d
            : null;
    }

    /// <summary>A stored reference becomes raw base64; a URL or raw base64 passes through; a data: URI loses its prefix.</summary>
    private async Task<(string? Value, EngineOutcome? Error)> InlineAsync(string reference, CancellationToken ct)
    {
        if (reference.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var comma = reference.IndexOf(',', StringComparison.Ordinal);
            return comma < 0 ? (null, Invalid("start image is a malformed data: URI")) : (reference[(comma + 1)..], null);
        }
        if (!reference.StartsWith(BlobKeys.ReferencePrefix, StringComparison.Ordinal)) return (reference, null);
        var key = BlobKeys.FromReference(reference);
        if (key is null) return (null, Invalid($"start image reference '{reference}' is not a valid blob key"));

        await using var stream = await blobs.OpenReadAsync(key, ct).ConfigureAwait(false);
        if (stream is null) return (null, Invalid($"start image '{reference}' is no longer stored"));
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxImageBytes) return (null, Invalid($"start image is larger than Highway's {MaxImageBytes / (1024 * 1024)} MB limit"));
            buffer.Write(chunk, 0, read);
        }
        return (Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length), null);
    }

    private static EngineOutcome Invalid(string message) => EngineOutcome.Failed(JobErrorCodes.InvalidInput, message);
}
