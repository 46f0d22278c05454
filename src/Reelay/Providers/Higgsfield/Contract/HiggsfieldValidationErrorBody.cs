namespace Reelay.Providers.Higgsfield.Contract;

/// <summary>FastAPI's 422 body: <c>{"detail":[{loc, msg, type}, ...]}</c>.</summary>
public sealed record HiggsfieldValidationErrorBody(IReadOnlyList<HiggsfieldValidationError> Detail);
