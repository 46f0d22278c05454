namespace Reelay.Client;

/// <summary>An RFC 9457 problem document as the native API sends it.</summary>
internal sealed record ProblemBody
{
    public string? Type { get; init; }
    public string? Title { get; init; }
    public int? Status { get; init; }
    public string? Detail { get; init; }
    public string? Code { get; init; }
    public Dictionary<string, string[]>? Errors { get; init; }
}
