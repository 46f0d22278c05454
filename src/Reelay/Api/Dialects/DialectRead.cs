using Reelay.Jobs;

namespace Reelay.Api.Dialects;

/// <summary>A dialect reader's verdict on one body: the canonical request (and the idempotency key it implies), or the answer that refuses it.</summary>
public readonly record struct DialectRead(VideoRequest? Request, IResult? Refusal, string? IdempotencyKey)
{
    public static DialectRead Of(VideoRequest request, string? idempotencyKey = null) => new(request, null, idempotencyKey);

    public static DialectRead Refused(IResult answer) => new(null, answer, null);
}
