using Reelay.Jobs;
using Reelay.Providers.ApiFrame.Contract;
using Reelay.Webhooks;

namespace Reelay.Providers.ApiFrame;

/// <summary>
/// Translates a valid <see cref="ApiFrameImagineRequest"/> into the canonical request, and canonical field
/// errors back into APIFrame's field names.
/// </summary>
/// <remarks>
/// APIFrame offers six aspect ratios for text2video, while the catalog's Kling models (shared with the
/// official Kling dialect, which allows only 16:9, 9:16 and 1:1) list three. A text2video request for a ratio
/// the requested model's catalog entry lacks runs on the <c>local</c> model, which renders every ratio; the
/// requested model is kept in <see cref="ApiFrameExtensions.Model"/>. This keeps the shared catalog and
/// validator untouched; the cost is that such jobs would not be relayed upstream once upstreams exist.
/// </remarks>
public sealed class ApiFrameRequestMapper(ModelCatalog catalog)
{
    public const string RenderAnyRatioModel = "local";

    public VideoRequest ToCanonical(ApiFrameImagineRequest r)
    {
        var model = r.Model ?? ApiFrameValues.DefaultModel;
        var textToVideo = r.GenerationType == ApiFrameValues.TextToVideo;
        // aspect_ratio is "only for text2video": image2video takes the start frame's shape, so it is ignored there.
        var aspect = textToVideo ? r.AspectRatio ?? "16:9" : "16:9";
        var runAs = model;
        if (textToVideo && catalog.Find(model) is { } spec && !spec.AspectRatios.Contains(aspect) &&
            catalog.Find(RenderAnyRatioModel) is { } local && local.AspectRatios.Contains(aspect))
            runAs = local.Name;

        var extensions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ApiFrameExtensions.Model] = model,
            [ApiFrameExtensions.GenerationType] = r.GenerationType,
        };
        if (!string.IsNullOrEmpty(r.WebhookSecret)) extensions[ApiFrameExtensions.WebhookSecret] = r.WebhookSecret;

        return new VideoRequest
        {
            Model = runAs,
            Prompt = r.Prompt,
            NegativePrompt = string.IsNullOrEmpty(r.NegativePrompt) ? null : r.NegativePrompt,
            CfgScale = r.CfgScale,
            DurationSeconds = r.Duration ?? 5,
            AspectRatio = aspect,
            Mode = r.Mode == "pro" ? VideoMode.Pro : VideoMode.Std,
            // image_url / end_image_url are image2video fields; text2video ignores them, as it does upstream.
            StartImage = textToVideo || string.IsNullOrEmpty(r.ImageUrl) ? null : r.ImageUrl,
            EndImage = textToVideo || string.IsNullOrEmpty(r.EndImageUrl) ? null : r.EndImageUrl,
            Webhook = string.IsNullOrEmpty(r.WebhookUrl) ? null : new WebhookTarget(r.WebhookUrl, []),
            Extensions = extensions,
        };
    }

    /// <summary>APIFrame's name for a canonical field (start_image is image_url, webhook.url is webhook_url, ...).</summary>
    public static string FieldName(string canonical) => canonical switch
    {
        "start_image" => "image_url",
        "end_image" => "end_image_url",
        "webhook.url" or "webhook.events" or "webhook" => "webhook_url",
        _ => canonical,
    };
}
