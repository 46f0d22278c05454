namespace Reelay.Tests.Support;

/// <summary>One stream as ffprobe reported it; <see cref="Frames"/> counted by decoding.</summary>
public sealed record ProbedStream(string Type, string? Codec, string? PixelFormat, int Width, int Height, int? Frames);
