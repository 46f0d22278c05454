using Reelay.Jobs;

namespace Reelay.Api.Dialects;

/// <summary>
/// What a dialect answers on its create path, each in the dialect's own error shape: a body over the size cap, a body
/// that is not JSON, invalid fields (from its reader, or from validation with the canonical request), a refusal for
/// credits, and the key-limit refusals. <see cref="Dialect"/> is stored on each job it creates.
/// </summary>
public sealed record DialectCreateAnswers(
    string Dialect,
    Func<long, IResult> TooLarge,
    Func<string, IResult> MalformedJson,
    Func<FieldErrors, VideoRequest, IResult> Invalid,
    Func<VideoJob, IResult> NotEnoughCredits,
    KeyLimitAnswers KeyLimits);
