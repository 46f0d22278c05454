namespace Reelay.Client;

/// <summary>Why a video failed.</summary>
/// <param name="Code">Stable machine-readable code (e.g. <c>content_policy</c>, <c>engine_error</c>).</param>
/// <param name="Message">Human-readable explanation.</param>
public sealed record VideoError(string Code, string Message);
