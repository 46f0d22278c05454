namespace Reelay.Jobs;

/// <summary>What one model supports, as listed in the model catalog (models.json).</summary>
public sealed record ModelSpec
{
    public required string Name { get; init; }
    public string? DisplayName { get; init; }
    public required IReadOnlyList<int> Durations { get; init; }
    public required IReadOnlyList<string> Modes { get; init; }
    public required IReadOnlyList<string> AspectRatios { get; init; }
    /// <summary>Whether cfg_scale is accepted (Kling v2.x models ignore it upstream; Reelay refuses it).</summary>
    public bool CfgScale { get; init; }
    public bool EndFrame { get; init; }
    /// <summary>Start + end frame only in pro mode (kling-v2-5-turbo).</summary>
    public bool EndFrameRequiresPro { get; init; }
    public bool ImageToVideo { get; init; } = true;
    public bool TextToVideo { get; init; } = true;
    public bool Sound { get; init; }
    public int MaxPromptLength { get; init; } = 2500;
    /// <summary>Typical shortest generation time of a 5 s std clip, in seconds (schedules the first status query).</summary>
    public int? TypicalMinSeconds { get; init; }
    /// <summary>Typical longest generation time of a 5 s std clip, in seconds.</summary>
    public int? TypicalMaxSeconds { get; init; }
}
