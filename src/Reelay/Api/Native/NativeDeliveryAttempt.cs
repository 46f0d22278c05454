namespace Reelay.Api.Native;

public sealed record NativeDeliveryAttempt(int Attempt, long At, int? StatusCode, string? Error, int DurationMs);
