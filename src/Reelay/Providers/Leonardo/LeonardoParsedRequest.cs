namespace Reelay.Providers.Leonardo;

/// <summary>A create body read and checked against Leonardo's own rules, before images are resolved.</summary>
public sealed record LeonardoParsedRequest
{
    public required LeonardoModel Model { get; init; }
    public required string Prompt { get; init; }
    public string? NegativePrompt { get; init; }
    public required string Resolution { get; init; }
    public required int ShortSide { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }
    public required string AspectRatio { get; init; }
    public required int Duration { get; init; }
    public long? Seed { get; init; }
    public bool PromptEnhance { get; init; }
    public LeonardoImageRef? Image { get; init; }
    public LeonardoImageRef? EndFrame { get; init; }
    /// <summary>Leonardo-only facts to keep on the job (<see cref="LeonardoExtensions"/>).</summary>
    public required IReadOnlyDictionary<string, string> Extensions { get; init; }
}
