using System.Text.Json.Serialization;

namespace Reelay.Providers.HyprLab.Contract;

/// <summary>
/// Body of <c>POST /v1/video/generations</c> as Reelay sends it upstream (docs/dialects.md §4): <c>duration</c> an integer,
/// images as URL, data URI or bare base64. Inbound, Reelay reads the same fields leniently with
/// <see cref="HyprLabRequestReader"/>. Absent members are omitted.
/// </summary>
public sealed record HyprLabVideoRequest
{
    /// <summary>HyprLab's model name, e.g. <c>kling-v2.1-pro</c> (the mode is part of the name).</summary>
    public required string Model { get; init; }
    public required string Prompt { get; init; }
    public int Duration { get; init; } = 5;
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? CfgScale { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? StartImage { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? EndImage { get; init; }
    /// <summary>Ignored by HyprLab when <see cref="StartImage"/> is set.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? AspectRatio { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? NegativePrompt { get; init; }
}
