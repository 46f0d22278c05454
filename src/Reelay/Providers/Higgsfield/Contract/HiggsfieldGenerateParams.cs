using System.Text.Json.Serialization;

namespace Reelay.Providers.Higgsfield.Contract;

/// <summary>
/// The <c>params</c> of <c>POST /generate/kling-2-5</c> as Reelay sends them upstream. Optional members are left out
/// rather than sent as null: pydantic fills its own defaults for absent fields but refuses null for a string.
/// </summary>
public sealed record HiggsfieldGenerateParams
{
    public required string Prompt { get; init; }

    /// <summary>An integer, 5 or 10.</summary>
    public required int Duration { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Model { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CfgScale { get; init; }

    public bool EnhancePrompt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NegativePrompt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HiggsfieldInputImage? InputImage { get; init; }
}
