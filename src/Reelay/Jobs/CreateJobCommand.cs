namespace Reelay.Jobs;

/// <summary>A request to create a job on behalf of one key, as parsed by any dialect.</summary>
/// <param name="Dialect">The API the request came through (native, kling, ...); stored on the job.</param>
/// <param name="IdempotencyKey">Optional; same key + same request returns the same job.</param>
public sealed record CreateJobCommand(Guid OwnerKeyId, VideoRequest Request, string Dialect = "native", string? IdempotencyKey = null);
