using Microsoft.Extensions.Options;
using Reelay.Api;
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

    public static Task<IResult> ImageToVideoAsync(HttpContext http, JobService jobs, LeonardoImageResolver images, IOptions<ReelayOptions> options) =>
        CreateAsync(http, imageToVideo: true, jobs, images, options);

    public static Task<IResult> TextToVideoAsync(HttpContext http, JobService jobs, LeonardoImageResolver images, IOptions<ReelayOptions> options) =>
        CreateAsync(http, imageToVideo: false, jobs, images, options);

    public static async Task<IResult> GetAsync(string id, HttpContext http, JobService jobs, LeonardoGenerationMapper mapper, IOptions<ReelayOptions> options)
    {
        var job = await jobs.GetAsync(id, http.Caller(), http.RequestAborted);
        // Hasura answers a missing primary key with null and 200, not 404; foreign ids look the same.
        var generation = job is null ? null : mapper.ToGeneration(job, RequestBaseUrl.Of(http, options));
        return TypedResults.Json(new LeonardoGenerationResponse(generation), LeonardoJsonContext.Default.LeonardoGenerationResponse);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, bool imageToVideo, JobService jobs, LeonardoImageResolver images, IOptions<ReelayOptions> options)
    {
        var (doc, error, tooLarge) = await RequestBodies.ReadJsonAsync(http.Request);
        if (tooLarge) return LeonardoResults.TooLarge(options.Value.MaxRequestBodyBytes);
        if (doc is null) return LeonardoResults.ParseError(error!);
        using (doc)
        {
            FieldErrors typeErrors = new(), valueErrors = new();
            var parsed = LeonardoRequestReader.Read(doc.RootElement, imageToVideo, typeErrors, valueErrors);
            if (parsed is null) return LeonardoResults.FromFields(typeErrors, valueErrors);

            var caller = http.Caller();
            string? start = null, end = null;
            if (parsed.Image is { } image)
            {
                var resolved = await images.ResolveAsync(image, caller, http.RequestAborted);
                if (resolved.Error is not null) return LeonardoResults.Invalid("$.imageId", resolved.Error);
                start = resolved.Reference;
            }
            if (parsed.EndFrame is { } endFrame)
            {
                var resolved = await images.ResolveAsync(endFrame, caller, http.RequestAborted);
                if (resolved.Error is not null) return LeonardoResults.Invalid("$.endFrameImage.id", resolved.Error);
                end = resolved.Reference;
            }

            var extensions = new Dictionary<string, string>(parsed.Extensions, StringComparer.Ordinal);
            if (caller.AccountCallbackUrl is { Length: > 0 } url)
            {
                extensions[LeonardoExtensions.CallbackUrl] = url;
                if (caller.AccountCallbackKey is { Length: > 0 } key) extensions[LeonardoExtensions.CallbackKey] = key;
            }
            var request = new VideoRequest
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
            };
            var outcome = await jobs.CreateAsync(new CreateJobCommand(caller.Id, request, LeonardoDialect.DialectName), http.RequestAborted);
            if (outcome.IsInvalid)
            {
                var (field, messages) = outcome.Errors!.ToDictionary().First();
                var path = field == "start_image" ? (imageToVideo ? "$.imageId" : "$.model") : Paths.GetValueOrDefault(field, "$");
                return LeonardoResults.Invalid(path, messages[0]);
            }
            if (LeonardoResults.KeyLimits.ForCreate(outcome, request.Model) is { } refused) return refused;

            if (outcome.IsRefusedForCredits) return LeonardoResults.InsufficientCredits(Credits.InsufficientCredits.Message(outcome.Job!));
            var job = LeonardoCostReport.For(outcome.Job!);
            return TypedResults.Json(new LeonardoCreateResponse(job), LeonardoJsonContext.Default.LeonardoCreateResponse);
        }
    }
}
