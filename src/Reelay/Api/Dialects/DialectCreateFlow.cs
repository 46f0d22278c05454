using System.Text.Json;
using Microsoft.Extensions.Options;
using Reelay.Accounts;
using Reelay.Hosting;
using Reelay.Jobs;

namespace Reelay.Api.Dialects;

/// <summary>
/// The create path every dialect shares, once the caller is authenticated in the dialect's scheme and its request rate
/// checked: read the body within <see cref="ReelayOptions.MaxRequestBodyBytes"/>, run the dialect's reader, create the job
/// through <see cref="JobService"/> (validation, credits and key limits decided atomically with the insert), and map
/// the outcome. The dialect supplies its reader, its answers (<see cref="DialectCreateAnswers"/>) and its success
/// answer; nothing is created or charged unless the reader and validation accept the request.
/// </summary>
public sealed class DialectCreateFlow(JobService jobs, IOptions<ReelayOptions> options)
{
    /// <summary>The flow for a dialect whose reader and success answer need no I/O of their own.</summary>
    public Task<IResult> RunAsync(HttpContext http, ApiKey caller, DialectCreateAnswers answers,
        Func<JsonElement, DialectRead> read, Func<CreateJobOutcome, IResult> created, bool lenientJson = false) =>
        RunAsync(http, caller, answers, body => ValueTask.FromResult(read(body)), outcome => ValueTask.FromResult(created(outcome)), lenientJson);

    /// <param name="read">The dialect's reader: the canonical request, or the answer refusing the body.</param>
    /// <param name="created">The dialect's answer for a created (or replayed) job.</param>
    /// <param name="lenientJson">Accept trailing commas and comments (a dialect whose documented examples carry them).</param>
    public async Task<IResult> RunAsync(HttpContext http, ApiKey caller, DialectCreateAnswers answers,
        Func<JsonElement, ValueTask<DialectRead>> read, Func<CreateJobOutcome, ValueTask<IResult>> created, bool lenientJson = false)
    {
        var (doc, error, tooLarge) = await RequestBodies.ReadJsonAsync(http.Request, lenientJson);
        if (tooLarge) return answers.TooLarge(options.Value.MaxRequestBodyBytes);
        if (doc is null) return answers.MalformedJson(error!);
        using (doc)
        {
            var reading = await read(doc.RootElement);
            if (reading.Refusal is { } refusal) return refusal;
            var request = reading.Request!;
            var outcome = await jobs.CreateAsync(new CreateJobCommand(caller.Id, request, answers.Dialect, reading.IdempotencyKey), http.RequestAborted);
            if (outcome.IsInvalid) return answers.Invalid(outcome.Errors!, request);
            if (outcome.IsRefusedForCredits) return answers.NotEnoughCredits(outcome.Job!);
            if (answers.KeyLimits.ForCreate(outcome, request.Model) is { } refused) return refused;
            return await created(outcome);
        }
    }
}
