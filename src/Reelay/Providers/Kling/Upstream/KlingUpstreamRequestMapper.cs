using System.Text.Json;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Kling.Contract;
using Reelay.Storage.Blobs;

namespace Reelay.Providers.Kling.Upstream;

/// <summary>
/// Builds the Kling create body from a job: text2video without a start image, image2video with one. Stored
/// images (<c>blob:inputs/...</c>) are sent inline as raw base64 without a <c>data:</c> prefix, so the upstream
/// never needs to reach Reelay. <c>external_task_id</c> is always the job id: that is what lets a restarted
/// node ask the upstream whether its submit arrived. Kling-only extras recorded by the Kling dialect
/// (sound, watermark, masks, tail-only frame) are relayed as given.
/// </summary>
internal sealed class KlingUpstreamRequestMapper(IBlobStore blobs, KlingUpstreamOptions options)
{
    /// <summary>Kling's documented limit per image.</summary>
    public const int MaxImageBytes = 10 * 1024 * 1024;

    public static string KindOf(VideoJob job) => KlingTaskMapper.KindOf(job);

    public async Task<(KlingVideoRequest? Body, EngineOutcome? Refusal)> MapAsync(VideoJob job, CancellationToken ct)
    {
        var r = job.Request;
        if (!r.Model.StartsWith("kling-", StringComparison.OrdinalIgnoreCase))
            return (null, EngineOutcome.Failed(JobErrorCodes.EngineUnavailable, $"model '{r.Model}' is not served by this upstream ('{options.Name}' serves Kling models)"));

        var i2v = KindOf(job) == KlingTaskKinds.Image2Video;
        string? image = null, tail = null;
        if (i2v)
        {
            var (start, startError) = await InlineAsync(r.StartImage, "start image", ct).ConfigureAwait(false);
            if (startError is not null) return (null, startError);
            var (end, endError) = await InlineAsync(r.EndImage, "end image", ct).ConfigureAwait(false);
            if (endError is not null) return (null, endError);
            if (r.Extension(KlingRequestMapper.TailOnlyExtension) == "true") (image, tail) = (null, start);
            else (image, tail) = (start, end);
        }

        var (staticMask, maskError) = await InlineAsync(r.Extension(KlingRequestMapper.StaticMaskExtension), "static mask", ct).ConfigureAwait(false);
        if (maskError is not null) return (null, maskError);
        var (dynamicMasks, dynamicError) = await DynamicMasksAsync(r.Extension(KlingRequestMapper.DynamicMasksExtension), ct).ConfigureAwait(false);
        if (dynamicError is not null) return (null, dynamicError);

        var body = new KlingVideoRequest
        {
            ModelName = r.Model,
            Prompt = string.IsNullOrEmpty(r.Prompt) ? null : r.Prompt,
            NegativePrompt = string.IsNullOrEmpty(r.NegativePrompt) ? null : r.NegativePrompt,
            CfgScale = r.CfgScale,
            Mode = r.Mode == VideoMode.Pro ? "pro" : "std",
            AspectRatio = i2v ? null : r.AspectRatio,
            Duration = r.DurationSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CameraControl = r.CameraControl is { } cam
                ? new KlingCameraControl(cam.Type, cam.Config is { } c ? new KlingCameraConfig(c.Horizontal, c.Vertical, c.Pan, c.Tilt, c.Roll, c.Zoom) : null)
                : null,
            CallbackUrl = CallbackUrl(job.Id),
            ExternalTaskId = job.Id,
            Sound = r.Extension(KlingRequestMapper.SoundExtension) == "on" ? "on" : null,
            WatermarkInfo = r.Extension(KlingRequestMapper.WatermarkExtension) == "true" ? new KlingWatermarkInfo(true) : null,
            Image = image,
            ImageTail = tail,
            StaticMask = staticMask,
            DynamicMasks = dynamicMasks,
        };
        return (body, null);
    }

    private string? CallbackUrl(string jobId) =>
        string.IsNullOrEmpty(options.PublicBaseUrl)
            ? null
            : $"{options.PublicBaseUrl.TrimEnd('/')}/v1/upstream-callbacks/kling/{Uri.EscapeDataString(jobId)}";

    /// <summary>A stored reference becomes raw base64; a URL or raw base64 passes through; a data: URI loses its prefix.</summary>
    private async Task<(string? Value, EngineOutcome? Error)> InlineAsync(string? reference, string what, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(reference)) return (null, null);
        if (reference.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var comma = reference.IndexOf(',', StringComparison.Ordinal);
            return comma < 0 ? (null, Invalid($"{what} is a malformed data: URI")) : (reference[(comma + 1)..], null);
        }
        if (!reference.StartsWith(BlobKeys.ReferencePrefix, StringComparison.Ordinal)) return (reference, null);
        var key = BlobKeys.FromReference(reference);
        if (key is null) return (null, Invalid($"{what} reference '{reference}' is not a valid blob key"));

        await using var stream = await blobs.OpenReadAsync(key, ct).ConfigureAwait(false);
        if (stream is null) return (null, Invalid($"{what} '{reference}' is no longer stored"));
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxImageBytes) return (null, Invalid($"{what} is larger than Kling's {MaxImageBytes / (1024 * 1024)} MB limit"));
            buffer.Write(chunk, 0, read);
        }
        return (Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length), null);
    }

    private async Task<(IReadOnlyList<KlingDynamicMask>? Masks, EngineOutcome? Error)> DynamicMasksAsync(string? json, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(json)) return (null, null);
        IReadOnlyList<KlingDynamicMask>? masks;
        try { masks = JsonSerializer.Deserialize(json, KlingJsonContext.Default.IReadOnlyListKlingDynamicMask); }
        catch (JsonException) { return (null, Invalid("dynamic masks recorded on the job are unreadable")); }
        if (masks is null or { Count: 0 }) return (null, null);
        var inlined = new List<KlingDynamicMask>(masks.Count);
        foreach (var m in masks)
        {
            var (value, error) = await InlineAsync(m.Mask, "dynamic mask", ct).ConfigureAwait(false);
            if (error is not null) return (null, error);
            inlined.Add(m with { Mask = value ?? m.Mask });
        }
        return (inlined, null);
    }

    private static EngineOutcome Invalid(string message) => EngineOutcome.Failed(JobErrorCodes.InvalidInput, message);
}
