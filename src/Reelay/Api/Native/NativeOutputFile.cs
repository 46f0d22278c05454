namespace Reelay.Api.Native;

/// <summary>One result file; <see cref="Url"/> is signed and works without an API key until it expires.</summary>
public sealed record NativeOutputFile(string Url, string ContentType, long Bytes, double? Duration, int Width, int Height, string? Codec);
