namespace Reelay.Providers.Leonardo.Emulator;

/// <summary>An issued init-image form; <see cref="Bytes"/> is set once the form upload succeeded (then the id is usable).</summary>
internal sealed class EmulatedInitImage
{
    public required string Id { get; init; }
    public required string Extension { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public byte[]? Bytes { get; set; }
}
