using Reelay.Api;
using Reelay.Api.Dialects;
using Reelay.Jobs;
using Reelay.Providers.ApiFrame.Contract;

namespace Reelay.Providers.ApiFrame;

/// <summary><c>POST /kling-imagine</c>: validates in APIFrame's terms, creates the job, answers <c>{"task_id"}</c>.</summary>
internal static class ApiFrameImagineEndpoint
{
    public static Task<IResult> CreateAsync(HttpContext http, DialectCreateFlow flow, ApiFrameRequestMapper mapper) =>
        flow.RunAsync(http, http.Caller(), ApiFrameResults.Create,
            body =>
            {
                var errors = new FieldErrors();
                return ApiFrameImagineReader.Read(body, errors) is { } request
                    ? DialectRead.Of(mapper.ToCanonical(request))
                    : DialectRead.Refused(ApiFrameResults.Invalid(errors));
            },
            outcome => TypedResults.Json(new ApiFrameTaskCreated(outcome.Job!.Id), ApiFrameJsonContext.Default.ApiFrameTaskCreated));
}
