namespace Reelay.Providers.Higgsfield.Contract;

/// <summary>FastAPI's plain error body for 401, 404 and other non-validation errors: <c>{"detail":"..."}</c>.</summary>
public sealed record HiggsfieldErrorBody(string Detail);
