using Microsoft.Extensions.Options;
using System.Text.Json;
using Reelay.Api;
using Reelay.Api.Dialects;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.Leonardo.Contract;

namespace Reelay.Providers.Leonardo;

/// <summary>
/// <c>POST /generations-image-to-video</c>, <c>POST /generations-text-to-video</c> and <c>GET /generations/{id}</c>.
/// A job records the key's Leonardo callback as it was at creation; a later change applies to new jobs only.
/// </summary>
public static class LeonardoGenerationsEndpoints
{
    /// <summary>Canonical (validator) field names → Leonardo paths.</summary>
    private static readonly Dictionary<string, string> Paths = new(StringComparer.Ordinal)
    {
        ["model"] = "$.model",
        ["prompt"] = "$.prompt",
        ["negative_prompt"] = "$.negativePrompt",
        ["duration"] = "$.duration",
        ["aspect_ratio"] = "$.width",
        ["mode"] = "$.resolution",
        ["end_image"] = "$.endFrameImage",
        ["seed"] = "$.seed",
    };

    public static Task<IResult> ImageToVideoAsync(HttpContext http, DialectCreateFlow flow, LeonardoImageResolver images) =>
        CreateAsync(http, imageToVideo: true, flow, images);

    public static Task<IResult> TextToVideoAsync(HttpContext http, DialectCreateFlow flow, LeonardoImageResolver images) =>
        CreateAsync(http, imageToVideo: false, flow, images);

    public static async Task<IResult> GetAsync(string id, HttpContext http, JobService jobs, LeonardoGenerationMapper mapper, IOptions<ReelayOptions> options)
    {
        var job = await jobs.GetAsync(id, http.Caller(), http.RequestAborted);
        // Hasura answers a missing primary key with null and 200, not 404; foreign ids look the same.
        var generation = job is null ? null : mapper.ToGeneration(job, RequestBaseUrl.Of(http, options));
        return TypedResults.Json(new LeonardoGenerationResponse(generation), LeonardoJsonContext.Default.LeonardoGenerationResponse);
    }

    private static Task<IResult> CreateAsync(HttpContext http, bool imageToVideo, DialectCreateFlow flow, LeonardoImageResolver images) =>
        flow.RunAsync(http, http.Caller(), imageToVideo ? ImageToVideoAnswers : TextToVideoAnswers,
            body => ReadAsync(body, imageToVideo, http, images),
            outcome => ValueTask.FromResult<IResult>(
                TypedResults.Json(new LeonardoCreateResponse(LeonardoCostReport.For(outcome.Job!)), LeonardoJsonContext.Default.LeonardoCreateResponse)));

    // The route decides where a start-image error points, so each route has its answers (made once, not per request).
    private static readonly DialectCreateAnswers ImageToVideoAnswers = LeonardoResults.Create with { Invalid = (errors, _) => InvalidField(errors, imageToVideo: true) };
    private static readonly DialectCreateAnswers TextToVideoAnswers = LeonardoResults.Create with { Invalid = (errors, _) => InvalidField(errors, imageToVideo: false) };

    /// <summary>Leonardo names one invalid field, by its JSON path; a start image refused on text-to-video belongs to the model.</summary>
    private static IResult InvalidField(FieldErrors errors, bool imageToVideo)
    {
        var (field, messages) = errors.ToDictionary().First();
        var path = field == "start_image" ? (imageToVideo ? "$.imageId" : "$.model") : Paths.GetValueOrDefault(field, "$");
        return LeonardoResults.Invalid(path, messages[0]);
    }

    /// <summary>Leonardo's reader, then the images it names resolved to stored ones, and the key's account callback recorded on the job.</summary>
    private static async ValueTask<DialectRead> ReadAsync(JsonElement body, bool imageToVideo, HttpContext http, LeonardoImageResolver images)
    {
        FieldErrors typeErrors = new(), valueErrors = new();
        var parsed = LeonardoRequestReader.Read(body, imageToVideo, typeErrors, valueErrors);
        if (parsed is null) return DialectRead.Refused(LeonardoResults.FromFields(typeErrors, valueErrors));

        var caller = http.Caller();
        string? start = null, end = null;
        if (parsed.Image is { } image)
        {
            var resolved = await images.ResolveAsync(image, caller, http.RequestAborted);
            if (resolved.Error is not null) return DialectRead.Refused(LeonardoResults.Invalid("$.imageId", resolved.Error));
            start = resolved.Reference;
        }
        if (parsed.EndFrame is { } endFrame)
        {
            var resolved = await images.ResolveAsync(endFrame, caller, http.RequestAborted);
            if (resolved.Error is not null) return DialectRead.Refused(LeonardoResults.Invalid("$.endFrameImage.id", resolved.Error));
            end = resolved.Reference;
        }

        var extensions = new Dictionary<string, string>(parsed.Extensions, StringComparer.Ordinal);
        if (caller.AccountCallbackUrl is { Length: > 0 } url)
        {
            extensions[LeonardoExtensions.CallbackUrl] = url;
            if (caller.AccountCallbackKey is { Length: > 0 } key) extensions[LeonardoExtensions.CallbackKey] = key;
        }
        return DialectRead.Of(new VideoRequest
        {
            Model = parsed.Model.CatalogModel,
            Prompt = parsed.Prompt,
            NegativePrompt = parsed.NegativePrompt,
            DurationSeconds = parsed.Duration,
            AspectRatio = parsed.AspectRatio,
            Mode = LeonardoResolution.Mode(parsed.ShortSide),
            Resolution = LeonardoResolution.Canonical(parsed.ShortSide),
            StartImage = start,
            EndImage = end,
            Seed = parsed.Seed,
            EnhancePrompt = parsed.PromptEnhance,
            Extensions = extensions,
        });
    }
}
