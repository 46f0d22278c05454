using Microsoft.Extensions.Options;
using Reelay.Api;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.ApiFrame.Contract;

namespace Reelay.Providers.ApiFrame;

/// <summary><c>POST /kling-imagine</c>: validates in APIFrame's terms, creates the job, answers <c>{"task_id"}</c>.</summary>
internal static class ApiFrameImagineEndpoint
{
    public static async Task<IResult> CreateAsync(HttpContext http, JobService jobs, ApiFrameRequestMapper mapper, IOptions<ReelayOptions> options)
    {
        var (doc, error, tooLarge) = await RequestBodies.ReadJsonAsync(http.Request);
        if (tooLarge) return ApiFrameResults.Errors(StatusCodes.Status413PayloadTooLarge, $"request body must be at most {options.Value.MaxRequestBodyBytes} bytes");
        if (doc is null) return ApiFrameResults.Errors(StatusCodes.Status400BadRequest, error!);
        using (doc)
        {
            var errors = new FieldErrors();
            var request = ApiFrameImagineReader.Read(doc.RootElement, errors);
            if (request is null) return ApiFrameResults.Invalid(errors);

            var canonical = mapper.ToCanonical(request);
            var outcome = await jobs.CreateAsync(new CreateJobCommand(http.Caller().Id, canonical, ApiFrameDialect.DialectName), http.RequestAborted);
            if (outcome.IsInvalid) return ApiFrameResults.Invalid(outcome.Errors!, ApiFrameRequestMapper.FieldName);
            // Decision (APIFrame documents no balance error): 402 in its usual {"errors":[{"msg"}]} body.
            if (outcome.IsRefusedForCredits)
                return ApiFrameResults.Errors(StatusCodes.Status402PaymentRequired, Credits.InsufficientCredits.Message(outcome.Job!));
            if (ApiFrameResults.KeyLimits.ForCreate(outcome, canonical.Model) is { } refused) return refused;
            return TypedResults.Json(new ApiFrameTaskCreated(outcome.Job!.Id), ApiFrameJsonContext.Default.ApiFrameTaskCreated);
        }
    }
}
